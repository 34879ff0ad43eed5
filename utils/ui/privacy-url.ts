/**
 * The privacy policy's address (PRIVACY.md on the project's homepage). wxt.config.ts writes it
 * in at build time from package.json's `homepage`, the one place that address is kept.
 */
declare const __BCM_PRIVACY_URL__: string;

export const PRIVACY_URL: string = __BCM_PRIVACY_URL__;
