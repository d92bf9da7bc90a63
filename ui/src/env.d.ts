/** The app's version, from the bundle's configuration (set at build time). */
declare const __APP_VERSION__: string;
