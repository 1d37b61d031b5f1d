import crypto from 'node:crypto';
import { conflict, DomainError, invalid } from '../platform/errors.js';
import type { ActivationCheck } from './activation.js';
import { ActivationGate } from './activation.gate.js';
import { toApproval } from './approval.repository.js';
import { dutchDate, type ApprovalKind, type ApprovalOutcome, type ApprovalRecord } from './camera.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';

export interface ApprovalInput {
  kind: ApprovalKind;
  outcome?: ApprovalOutcome;
  decider: string;
  decidedOn: string;
  validUntil?: string | null;
  /** Answers to the profile's assessment questions, in their order (WEL-2 a–d). */
  answers?: string[];
  /** For a hidden camera: the concrete suspicion (WEL-8). Otherwise any remark. */
  notes?: string | null;
  documentId?: string | null;
}

/**
 * Assessments and approvals (proportionality, DPIA, VvE consent, works council, the WEL-8
 * suspicion): each a dated decision with its decider, validity and evidence. A later decision
 * supersedes an earlier one; a refusal of an active camera's approval stops it recording.
 */
export class ApprovalService {
  private readonly gate: ActivationGate;

  constructor(private readonly d: RegisterDeps) {
    this.gate = new ActivationGate(d);
  }

  async record(cameraId: string, input: ApprovalInput, by: RegisterActor): Promise<{ approval: ApprovalRecord; activation: ActivationCheck }> {
    const id = crypto.randomUUID();
    await this.d.db.transaction().execute(async (trx) => {
      const ctx = await this.gate.context(cameraId, trx);
      if (ctx.camera.status === 'retired') throw conflict('camera_retired', 'A retired camera gets no new approvals', 'kind');
      const proportionality = ctx.profile.cameras.proportionality;
      if (input.kind === 'proportionality_assessment' && proportionality.assessedBy && by.role !== proportionality.assessedBy) {
        const rule = proportionality.rules[0] ?? 'silent';
        const message = {
          nl: `Alleen de rol ${proportionality.assessedBy} legt de afweging van noodzaak en proportionaliteit vast (${rule}).`,
          en: `Only the ${proportionality.assessedBy} role records the necessity and proportionality assessment (${rule}).`,
        };
        throw new DomainError('forbidden', 'approval_role', message.en, { rule, message, field: 'kind' });
      }
      const outcome = input.outcome ?? 'approved';
      const today = dutchDate(this.d.clock.now());
      if (input.decidedOn > today) throw invalid('decided_in_future', 'The decision date lies in the future', 'decidedOn');
      if (input.validUntil && input.validUntil < input.decidedOn) throw invalid('date_order', 'The approval ends before it was given', 'validUntil');
      const answers = this.answers(ctx.profile.cameras.proportionality.questions.map((q) => q.nl), input);
      const notes = input.notes?.trim() || null;
      if (input.kind === 'hidden_camera_suspicion' && outcome === 'approved') {
        if (!notes) throw invalid('suspicion_required', 'Describe the concrete suspicion of theft or fraud by an employee (WEL-8)', 'notes');
        if (!input.validUntil) throw invalid('end_date_required', 'A hidden camera needs an end date (WEL-8)', 'validUntil');
      }
      if (input.documentId && !(await this.d.documents.existing([input.documentId], trx)).has(input.documentId)) {
        throw invalid('unknown_document', 'No such document: upload it first', 'documentId');
      }
      await this.d.approvals.insert(
        {
          id, camera_id: cameraId, kind: input.kind, outcome, decider: input.decider.trim(), decided_on: input.decidedOn, valid_until: input.validUntil ?? null,
          answers: JSON.stringify(answers), notes, document_id: input.documentId ?? null, recorded_by: by.id, recorded_by_role: by.role,
          recorded_at: this.d.clock.now().toISOString(),
        },
        trx,
      );
      await this.d.logbook.append(trx, {
        actor: by,
        action: 'register.approval_recorded',
        // The notes (a suspicion about a named employee) stay in the register, out of the logboek.
        subject: { cameraId, approvalId: id, kind: input.kind, outcome, decider: input.decider.trim(), decidedOn: input.decidedOn, validUntil: input.validUntil ?? null, documentId: input.documentId ?? null },
      });
      if (ctx.camera.status === 'active') {
        const after = await this.gate.context(cameraId, trx);
        const check = this.gate.check(after);
        if (!check.allowed) {
          await this.d.cameras.update(cameraId, { status: 'awaiting_approval', updated_at: this.d.clock.now().toISOString() }, trx);
          await this.d.logbook.append(trx, {
            actor: by,
            action: 'register.camera_status_changed',
            subject: { cameraId, siteId: ctx.site.id, name: ctx.camera.name, from: 'active', to: 'awaiting_approval', rule: check.rule },
          });
        }
      }
    });
    const ctx = await this.gate.context(cameraId);
    return { approval: ctx.approvals.find((a) => a.id === id)!, activation: this.gate.check(ctx) };
  }

  async list(cameraId: string): Promise<ApprovalRecord[]> {
    return (await this.d.approvals.forCameras([cameraId])).map(toApproval);
  }

  /** Pairs each of the profile's questions with its answer; every question needs one (WEL-2 a–d). */
  private answers(questions: string[], input: ApprovalInput): { question: string; answer: string }[] {
    if (input.kind !== 'proportionality_assessment') return [];
    const given = input.answers ?? [];
    if (given.length > questions.length) throw invalid('answers_count', `The profile asks ${questions.length} questions`, 'answers');
    return questions.map((question, i) => {
      const answer = given[i]?.trim() ?? '';
      if (!answer) throw invalid('answer_required', 'Answer every question of the assessment', `answers.${i}`);
      return { question, answer };
    });
  }
}
