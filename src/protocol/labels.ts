import type { Text } from './provenance.schema.js';
import type { RecipientCategory, RequestKind, RequesterCategory, ViewReason } from './vocabulary.js';

/** Dutch and English names of the vocabulary words, for messages, documents and the public page. */
export const recipientLabels: Record<RecipientCategory, Text> = {
  police: { nl: 'de politie', en: 'the police' },
  ovj: { nl: 'het Openbaar Ministerie', en: 'the public prosecutor' },
  insurer: { nl: 'een verzekeraar', en: 'an insurer' },
  court: { nl: 'de rechter', en: 'a court' },
  disputes_committee: { nl: 'een klachten- of geschillencommissie', en: 'a complaints or disputes committee' },
  huurcommissie: { nl: 'de Huurcommissie', en: 'the rent tribunal (Huurcommissie)' },
  lawyer: { nl: 'een advocaat', en: 'a lawyer' },
  other_organisation: { nl: 'een andere organisatie', en: 'another organisation' },
  tenant: { nl: 'een huurder', en: 'a tenant' },
  visitor: { nl: 'een bezoeker', en: 'a visitor' },
  neighbour: { nl: 'een buurman of buurvrouw', en: 'a neighbour' },
};

export const requestKindLabels: Record<RequestKind, Text> = {
  access: { nl: 'inzage', en: 'access' },
  erasure: { nl: 'verwijdering', en: 'erasure' },
  restriction: { nl: 'beperking van de verwerking', en: 'restriction of processing' },
  objection: { nl: 'bezwaar', en: 'objection' },
  'retention-extension': { nl: 'langer bewaren (veiligstellen)', en: 'longer retention (securing)' },
  police: { nl: 'verzoek van politie of justitie', en: 'request by police or prosecutor' },
  'third-party': { nl: 'verzoek van een derde', en: 'request by a third party' },
};

export const requesterLabels: Record<RequesterCategory, Text> = {
  data_subject: { nl: 'een betrokkene', en: 'a data subject' },
  tenant: { nl: 'een huurder', en: 'a tenant' },
  visitor: { nl: 'een bezoeker', en: 'a visitor' },
  third_party: { nl: 'een derde', en: 'a third party' },
  emergency_service: { nl: 'een hulpdienst', en: 'an emergency service' },
  staff: { nl: 'een medewerker', en: 'a member of staff' },
  police: { nl: 'de politie', en: 'the police' },
  ovj: { nl: 'de officier van justitie', en: 'the public prosecutor' },
  lawyer: { nl: 'een advocaat', en: 'a lawyer' },
};

export const viewReasonLabels: Record<ViewReason, Text> = {
  incident: { nl: 'een (vermoed) incident', en: 'a (suspected) incident' },
  request: { nl: 'een verzoek', en: 'a request' },
  house_rules_breach: { nl: 'overtreding van huisregels of huurvoorwaarden', en: 'a breach of house rules or tenancy terms' },
  camera_purpose: { nl: 'het doel van de camera', en: 'the camera\u2019s purpose' },
  police_investigation: { nl: 'politieonderzoek', en: 'a police investigation' },
  technical_check: { nl: 'een technische controle', en: 'a technical check' },
  security_watch: { nl: 'live meekijken vanuit de beveiligde ruimte', en: 'live watch from the secured room' },
};
