export { StateChip } from './StateChip';
export { formatDate, formatMoney, relativeTime, shortRef } from './format';
export { useWorkloadEnvironments } from './useWorkloadEnvironments';
export { backendMessage } from './backendMessage';
export { ActionDialog } from './ActionDialog';
