export { PlanView } from './PlanView';
export { PlanLoader } from './PlanLoader';
