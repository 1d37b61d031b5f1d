import { describe, expect, it } from 'vitest';
// The test (not the bundle) may load the server's runtime lists: it checks the UI's copies hold the
// same values in the same order. tsc already fails on a missing or unknown value (`satisfies` +
// `Covers`); this also catches a reordering, which changes the order the UI offers them in.
import { roles as serverRoles } from '../../../src/auth/roles';
import { approvalKinds as serverApprovalKinds, areaTypes as serverAreaTypes, cameraStatuses as serverCameraStatuses } from '../../../src/register/camera';
import { complaintTopics as serverComplaintTopics } from '../../../src/cases/complaint';
import { grounds as serverGrounds } from '../../../src/cases/request-decision';
import { channels as serverChannels, requestFacts as serverRequestFacts, requestStates as serverRequestStates } from '../../../src/cases/request';
import {
  documentKinds as serverDocumentKinds, incidentTypes as serverIncidentTypes, placementLimits as serverPlacementLimits,
  recipientCategories as serverRecipientCategories, requesterCategories as serverRequesterCategories, requestKinds as serverRequestKinds,
} from '../../../src/protocol/vocabulary';
import { roles } from './types';
import { approvalKinds, areaTypes, cameraStatuses, placementLimits } from '../register/types';
import {
  channels, complaintTopics, documentKinds, incidentTypes, recipientCategories, refusalGrounds, requesterCategories, requestFacts, requestKinds,
  requestStates,
} from '../cases/types';

const sameOrder = (ui: readonly string[], server: readonly string[]) => expect([...ui]).toEqual([...server]);
const sameSet = (ui: readonly string[], server: readonly string[]) => expect([...ui].sort()).toEqual([...server].sort());

describe('the UI lists follow the server', () => {
  it.each([
    ['roles', roles, serverRoles],
    ['area types', areaTypes, serverAreaTypes],
    ['camera statuses', cameraStatuses, serverCameraStatuses],
    ['approval kinds', approvalKinds, serverApprovalKinds],
    ['placement limits', placementLimits, serverPlacementLimits],
    ['request kinds', requestKinds, serverRequestKinds],
    ['request states', requestStates, serverRequestStates],
    ['requester categories', requesterCategories, serverRequesterCategories],
    ['recipient categories', recipientCategories, serverRecipientCategories],
    ['incident types', incidentTypes, serverIncidentTypes],
    ['complaint topics', complaintTopics, serverComplaintTopics],
    ['refusal grounds', refusalGrounds, serverGrounds],
  ] as const)('%s: same values, same order', (_name, ui, server) => sameOrder(ui, server));

  it('document kinds: the same values (the UI orders them as the case page shows them)', () => sameSet(documentKinds, serverDocumentKinds));

  it('channels: the server\u2019s, less the two that file themselves (public form, police account)', () =>
    sameOrder(channels, serverChannels.filter((c) => c !== 'public_form' && c !== 'police_account')));

  it('request facts: the server\u2019s, less `delivery`, which the server records on carrying out', () =>
    sameOrder(requestFacts, serverRequestFacts.filter((f) => f !== 'delivery')));
});
