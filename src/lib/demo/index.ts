export { generateDemo, type Demo, type DemoRecord } from './generate';
export { demoAccounts } from './accounts';
