export { generateDemo, demoBranches, type Demo, type DemoRecord } from './generate';
export { demoAccounts } from './accounts';
