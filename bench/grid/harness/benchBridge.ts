// The bridge our grid's page talks through: browser mode's own web transport (POST /bridge) to the
// bench server. Installed as window.enlight before anything of the renderer loads, so the app's
// `bridge` (state/stores.ts) is this one. The bench store never changes, so there are no events
// to hear, and no EventSource is opened (AG Grid's page has none either).
import { createWebBridge } from '../../../src/renderer/src/bridge/webBridge';

const web = createWebBridge();
window.enlight = { invoke: web.invoke, on: () => () => {} };
