import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n-core reads its settings folder when first imported; point it at a throwaway folder so tests never
// touch ~/.n8n. Import this module before anything from n8n-core.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'genesys-n8n-harness-'));
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
