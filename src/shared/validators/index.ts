export * from './types.js';
export * from './citizenId.js';
export * from './creditCode.js';
export * from './vin.js';
export * from './mobile.js';
export * from './invoiceNumber.js';
export * from './bankAccount.js';
