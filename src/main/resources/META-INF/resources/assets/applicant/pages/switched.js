// 请确认改报 (the dialog over the options, the one final action of the journey) and 改报已提交.
import {newIdempotencyKey} from '../../shared/api.js';
import {h, showErrors, summaryList, confirmDialog, confirmationPanel} from '../../shared/dom.js';
import {session, state, go, flash, loadMe, stateOf, linkButton, warningText, statePanel, precheckBadge, helpSection} from '../app.js';
import {COMMON, CONFIRM_SWITCH, CONFIRMED, REFERENCE, switchMessage, switchErrorTitle} from '../copy.js';

/** Check your answers, in a dialog; the switch is made only when confirmed. */
export function confirmSwitch(p, me) {
  const c = CONFIRM_SWITCH;
  if (!state.keys[p.code]) state.keys[p.code] = newIdempotencyKey();
  confirmDialog({
    title: c.title,
    content: [
      summaryList([
        [c.original, `${me.originalPosition.code} ${me.originalPosition.title}`],
        [c.target, h('span', {}, h('strong', {}, `${p.code} ${p.title}`), h('br', {}), `${p.agencyName} ${p.employer}`)],
        [c.precheck, precheckBadge(p)],
        [c.fee, c.feeCarriesOver],
      ]),
      warningText(c.warning(state.exam.maxSwitches, me.switchesLeft)),
    ],
    confirm: {label: c.confirm, id: 'confirm-switch'},
    cancel: {label: c.cancel, id: 'cancel-switch'},
    onConfirm: async ({errors, confirm, cancel}) => {
      confirm.textContent = c.submitting;
      try {
        await session.post('/api/v1/me/switch', {targetPositionCode: p.code},
          {headers: {'Idempotency-Key': state.keys[p.code]}, timeoutMs: 30000});
        delete state.keys[p.code];
        state.me = null;
        go('/switched');
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        // Only a definite answer ends this confirmation's key; a lost one is retried with it.
        const retryable = ['network', 'timeout', 'idempotency-key-in-use', 'service-busy'].includes(e.slug) || e.status >= 500;
        if (!retryable) delete state.keys[p.code];
        showErrors(errors, [{text: switchMessage(e, me)}], switchErrorTitle(retryable));
        confirm.disabled = !retryable;
        confirm.textContent = retryable ? c.confirmAgain : c.confirm;
        if (!retryable) cancel.focus();
        return false;
      }
    },
  });
}

/**
 * After a switch: read back from 我的改报, so that a reload (or coming back to this address) still
 * says what happened, with the reference staff know it by.
 */
export async function switchedPage() {
  const me = await loadMe();
  const s = me.currentSwitch;
  if (!s) {
    flash(CONFIRMED.nothing, 'info');
    go('/me');
    return null;
  }
  return h('div', {},
    confirmationPanel(CONFIRMED.switchTitle, CONFIRMED.newPosition, h('br', {}), h('strong', {}, `${s.targetPositionCode} ${s.targetPositionTitle || ''}`),
      h('br', {}), h('span', {id: 'reference'}, CONFIRMED.reference(REFERENCE.switch, s.id))),
    h('p', {}, CONFIRMED.keepReference),
    statePanel(stateOf(me)),
    h('p', {}, CONFIRMED.feeCarriesOver),
    linkButton('/me', COMMON.toStatus),
    helpSection(me.helpContact));
}
