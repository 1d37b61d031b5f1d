import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { linkClick, usePath } from '../router';

/** The case pages, one link each: requests, incidents, complaints and (for its readers) the viewing log. */
export function CasesNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const path = usePath();
  const links = [
    { to: '/cases', label: t('cases.nav.requests') },
    { to: '/cases/incidents', label: t('cases.nav.incidents') },
    { to: '/cases/complaints', label: t('cases.nav.complaints') },
    ...(can(me, 'cases.viewing_log') ? [{ to: '/cases/viewing-log', label: t('cases.nav.viewingLog') }] : []),
  ];
  return (
    <nav aria-label={t('cases.nav.label')}>
      <Group gap="lg">
        {links.map((link) => (
          <Anchor key={link.to} href={link.to} onClick={linkClick(link.to)} fw={path === link.to ? 700 : 400} aria-current={path === link.to ? 'page' : undefined}>
            {link.label}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
