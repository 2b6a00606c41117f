import type { Ref } from 'react';
import { CODE_PROBLEMS, codeToSend } from '../../ui/codes';
import { FormAlert } from '../../ui/FormAlert';
import { TextAreaField } from '../../ui/TextAreaField';
import type { DescribedError } from '../errors/describeError';
import { RESET_REASON_PROBLEM } from '../errors/errorWords';
import { ProofCode } from '../two-factor/components/ProofCode';
import type { ActiveMethod } from '../two-factor/hooks/useTwoFactorSettings';

/** A written reason of 10 to 500 characters (the API trims it first). */
export const REASON_MIN = 10;
export const REASON_MAX = 500;

/** The reason, trimmed, and the code as the API takes it; or what is wrong with them (the reason first). */
export function checkReasonAndProof(reason: string, code: string): { reason: string; proof: string } | { problem: DescribedError } {
  const trimmed = reason.trim();
  if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) return { problem: { message: RESET_REASON_PROBLEM, field: 'reason' } };
  const proof = codeToSend('otpOrRecovery', code);
  if (!proof) return { problem: { message: CODE_PROBLEMS.otpOrRecovery, field: 'proof' } };
  return { reason: trimmed, proof };
}

interface ReasonAndProofFieldsProps {
  own: ActiveMethod;
  /** Why a reason is asked for, its length, and who reads it. */
  reasonHint: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  reasonRef: Ref<HTMLTextAreaElement>;
  code: string;
  onCodeChange: (code: string) => void;
  codeRef: Ref<HTMLInputElement>;
  /** The form's problem, shown under the fields and tied to the field it is about. */
  problem: DescribedError | null;
  onProblem: (problem: DescribedError | null) => void;
  alertId: string;
  /** The problem is about another control of the form (a decision not taken yet), not the code. */
  problemIsElsewhere?: boolean;
}

/** A staff decision's reason (counted as the API counts it) and the proof of the staff member's own 2FA. */
export function ReasonAndProofFields({
  own,
  reasonHint,
  reason,
  onReasonChange,
  reasonRef,
  code,
  onCodeChange,
  codeRef,
  problem,
  onProblem,
  alertId,
  problemIsElsewhere = false,
}: ReasonAndProofFieldsProps) {
  const problemAtCode = problem !== null && problem.field !== 'reason' && !problemIsElsewhere;
  return (
    <>
      <TextAreaField
        ref={reasonRef}
        name="reason"
        label="Reason"
        hint={reasonHint}
        rows={3}
        required
        value={reason}
        onChange={onReasonChange}
        maxCharacters={REASON_MAX}
        count={(text) => text.trim().length}
        errorId={problem?.field === 'reason' ? alertId : undefined}
      />
      <ProofCode
        ref={codeRef}
        active={own}
        value={code}
        onChange={onCodeChange}
        errorId={problemAtCode ? alertId : undefined}
        onProblem={onProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
    </>
  );
}
