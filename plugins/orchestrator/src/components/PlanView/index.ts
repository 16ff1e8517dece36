export { PlanLoader, PlanView } from './PlanView';
