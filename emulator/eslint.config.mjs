// This folder's lint rules are the repository's (scripts/eslint.config.mjs explains why they are not n8n's).
export { default } from '../scripts/eslint.config.mjs';
