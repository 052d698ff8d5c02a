/** The real-n8n e2e toolkit: one import for tests and the demo script. */
export * from './editor';
export * from './installPackage';
export * from './n8nProcess';
export * from './n8nRest';
export * from './n8nServer';
export * from './processes';
export * from './tempDir';
export * from './artifacts';
export * from './mcpClient';
export * from './scriptedModel';
