import type { ICredentialType, ICredentialTypes, LoadedClass } from 'n8n-workflow';

export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly byName = new Map<string, LoadedClass<ICredentialType>>();

	add(name: string, loaded: LoadedClass<ICredentialType>): void {
		this.byName.set(name, loaded);
	}

	recognizes(name: string): boolean {
		return this.byName.has(name);
	}

	getByName(name: string): ICredentialType {
		const loaded = this.byName.get(name);
		if (!loaded) throw new Error(`Unknown credential type "${name}"`);
		return loaded.type;
	}

	getSupportedNodes(): string[] {
		return [];
	}

	getParentTypes(name: string): string[] {
		return this.getByName(name).extends ?? [];
	}
}
