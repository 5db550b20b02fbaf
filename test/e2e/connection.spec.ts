// The online/offline indicator says so, in words, when this computer loses its network.
import { expect, test } from './support/test';
import { openDemoAndWaitForSync } from './support/flows';

test('the indicator shows offline while the network is gone, and online again after', async ({ app, context }) => {
  await openDemoAndWaitForSync(app);
  const indicator = app.getByTestId('connection');
  await expect(indicator).toHaveText('Online');

  await context.setOffline(true);
  await expect(indicator).toContainText('Offline');
  await expect(indicator).toContainText('Showing the copy on this computer.');

  await context.setOffline(false);
  await expect(indicator).toHaveText('Online');
});
