export { generateDemo, type Demo, type DemoOptions, type DemoRecord } from './generate';
export { demoAccounts, type DemoAccount } from './accounts';
