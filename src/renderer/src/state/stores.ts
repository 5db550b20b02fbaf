// The renderer's stores, over the real bridge (Electron's preload or the browser transport).
import type { EnlightBridge } from '../../../shared/bridge';
import { invoke, on } from '../bridge';
import { createStores } from './createStores';

export const bridge: EnlightBridge = { invoke, on };

export const stores = createStores(bridge, window);
