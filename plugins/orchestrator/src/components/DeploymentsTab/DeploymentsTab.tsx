export function DeploymentsTab() {
  return null;
}
