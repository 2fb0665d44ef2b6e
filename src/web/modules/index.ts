import { cartradein } from './cartradein';
import { plan } from './plan';
import { platform } from './platform';
import { recycling } from './recycling';
import { renewal } from './renewal';
import { ledgers } from './ledgers';
import { tradein } from './tradein';

/**
 * The web app's modules. The router, the menu (sections by their `order`, pages in this order within a section)
 * and the message catalogue are composed from this list; adding a module is one import and one entry here.
 */
export const WEB_MODULES = [platform, plan, cartradein, tradein, recycling, renewal, ledgers] as const;
