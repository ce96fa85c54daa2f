/** The build's name, set by vite.config.ts (`define`): when the app was built. */
declare const __APP_BUILD__: string
