import type { Toezicht } from '../../src/bin/app.js';

/**
 * A camera in the register with the given stream URL, taken through the register's gate (INV-8) the
 * way `toezicht demo` does: the approvals the profile asks for are recorded, then it is activated.
 * Only active cameras are recording targets, and only those can be watched live.
 */
export async function addActiveCamera(t: Toezicht, o: { siteId: string; name: string; streamUrl: string }): Promise<string> {
  const seeder = { id: null, name: 'test', role: null };
  const profile = t.profile.current();
  const mode = profile.retention.recording.mode === 'either' ? 'continuous' : profile.retention.recording.mode;
  const camera = await t.register.cameras.create(
    {
      siteId: o.siteId, name: o.name, location: `${o.name} (test)`, areaType: 'common_area', purposes: [profile.purposes.items[0]!.id], responsible: 'Team Wijkbeheer',
      signageLocation: 'Bord bij de ingang', viewChecklist: Object.fromEntries(profile.cameras.placement.map((p) => [p.limit, { compliant: true, photoDocumentId: null }])),
      streamUrl: o.streamUrl, recordingMode: mode,
    },
    seeder,
  );
  const { activation } = await t.register.cameras.get(camera.id);
  const today = new Date().toISOString().slice(0, 10);
  for (const req of activation.requirements) {
    if (req.met || !['proportionality_assessment', 'dpia', 'vve_consent', 'works_council_approval'].includes(req.key)) continue;
    await t.register.approvals.record(
      camera.id,
      {
        kind: req.key as 'proportionality_assessment', decider: 'Privacy officer', decidedOn: today,
        answers: req.key === 'proportionality_assessment' ? profile.cameras.proportionality.questions.map(() => 'Ja') : undefined,
      },
      { id: null, name: 'test', role: 'privacy_officer' },
    );
  }
  await t.register.cameras.setStatus(camera.id, 'active', seeder);
  return camera.id;
}
