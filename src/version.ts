/** The release version (package.json's; a test keeps them equal). */
export const VERSION = '1.0.0';
