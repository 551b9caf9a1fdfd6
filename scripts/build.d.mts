export const BUNDLE: string;
export function buildBot(): Promise<void>;
export function bundleIsStale(): boolean;
