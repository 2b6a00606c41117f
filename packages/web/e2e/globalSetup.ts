import { buildPanel } from './buildPanel';

/** Builds the panel once for all browser tests (the API serves packages/web/dist). */
export default function globalSetup(): void {
  buildPanel();
}
