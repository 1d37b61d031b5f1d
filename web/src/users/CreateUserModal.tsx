import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { externalRoles, roles, type AccountKind, type NewUser, type Role, type User } from '../api/types';
import { amsterdamToIso } from '../format';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';

type Field = 'username' | 'displayName' | 'email' | 'role' | 'kind' | 'organisation' | 'expiresAt';

const empty = { username: '', displayName: '', email: '', role: '' as Role | '', kind: 'internal' as AccountKind, organisation: '', expiresAt: '' };

/** Today in Amsterdam as YYYY-MM-DD (the earliest expiry date the form offers). */
function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

export function CreateUserModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: User, oneTimePassword: string) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const fieldErrors = useFieldErrors();

  const create = useMutation({
    mutationFn: (body: NewUser) => api<{ user: User; oneTimePassword: string }>('/api/users', { method: 'POST', body }),
    onSuccess: ({ user, oneTimePassword }) => {
      setValues(empty);
      setErrors({});
      onCreated(user, oneTimePassword);
    },
    onError: (error) => {
      setErrors(fieldErrors(error) as Partial<Record<Field, string>>);
    },
  });

  const set = <K extends Field>(field: K, value: (typeof empty)[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.username.trim()) next.username = t('validation.required');
    else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(values.username.trim())) next.username = t('users.form.usernameFormat');
    if (!values.displayName.trim()) next.displayName = t('validation.required');
    if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) next.email = t('validation.email');
    if (!values.role) next.role = t('validation.required');
    let expiresAt: string | undefined;
    if (values.expiresAt) {
      expiresAt = amsterdamToIso(`${values.expiresAt}T23:59:59`) ?? undefined;
      if (!expiresAt) next.expiresAt = t('validation.date');
      else if (values.expiresAt < todayInAmsterdam()) next.expiresAt = t('users.form.expiryPast');
    } else if (values.kind === 'external') {
      next.expiresAt = t('users.form.expiryRequired');
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !values.role) return;
    create.mutate({
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      email: values.email.trim() || undefined,
      role: values.role,
      kind: values.kind,
      organisation: values.organisation.trim() || undefined,
      expiresAt,
    });
  }

  const refusedFields = Object.keys(fieldErrors(create.error)).length;
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.form.title')} size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.isError && refusedFields === 0 && <ErrorAlert error={create.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('users.fields.username')}
              description={t('users.form.usernameFormat')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              withAsterisk
              data-autofocus
              value={values.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={errors.username}
            />
            <TextInput
              label={t('users.fields.displayName')}
              autoComplete="off"
              withAsterisk
              value={values.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={errors.displayName}
            />
            <TextInput
              label={t('users.fields.email')}
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
            />
            <Select
              label={t('users.fields.role')}
              withAsterisk
              data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              value={values.role || null}
              onChange={(value) => {
                const role = (value ?? '') as Role | '';
                set('role', role);
                // People outside the organisation get an external (expiring) account.
                if (role && externalRoles.includes(role)) set('kind', 'external');
              }}
              error={errors.role}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <Radio.Group
            label={t('users.fields.kind')}
            description={t('users.form.kindDescription')}
            value={values.kind}
            onChange={(value) => set('kind', value as AccountKind)}
            error={errors.kind}
          >
            <Group mt="xs" gap="lg">
              <Radio value="internal" label={t('users.kind.internal')} />
              <Radio value="external" label={t('users.kind.external')} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('users.fields.organisation')}
              autoComplete="off"
              value={values.organisation}
              onChange={(e) => set('organisation', e.currentTarget.value)}
              error={errors.organisation}
            />
            <TextInput
              label={t('users.fields.expiresAt')}
              description={values.kind === 'external' ? t('users.form.expiryExternal') : t('users.form.expiryOptional')}
              type="date"
              min={todayInAmsterdam()}
              withAsterisk={values.kind === 'external'}
              value={values.expiresAt}
              onChange={(e) => set('expiresAt', e.currentTarget.value)}
              error={errors.expiresAt}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
