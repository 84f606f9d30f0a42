export declare const ROOT: string;
export declare const DEMO_WEB: string;
export declare const APP_DIR: string;
export declare const SERVER_ENTRY: string;
export declare function buildDemo(options?: { force?: boolean; log?: (line: string) => void }): void;
