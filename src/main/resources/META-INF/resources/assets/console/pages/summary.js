// Point 6: the exam summary as numbers and charts, refreshed on demand. ECharts comes from the app itself
// (the org.mvnpm:echarts jar serves it under /_static), loaded only on this page. Every chart has its
// numbers in a table beside it (the text alternative), and the canvas is hidden from screen readers.
import {h, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, loadError, figure, pageTop, chooseExam, examApi, render, onLeave} from '../app.js';
import {query} from '../../shared/api.js';
import {LABELS} from '../../shared/labels.js';
import {REFUND_STATUS, REFUND_REASONS, PHASES, REFUND_DELIVERY, SUMMARY as T, COMMON} from '../copy.js';

export const ECHARTS = '/_static/echarts/6.0.0/dist/echarts.esm.min.js';

const COLOURS = {pass: '#00703c', fail: '#d4351c', pending: '#1d70b8', manual: '#f47738', grey: '#505a5f'};

/** The charts' data: each {id, title, categories, series: [{name, data, colour}]} (summed per category). */
export function chartData(s) {
  const p = s.positions || {};
  const r = s.reviews || {};
  const agencies = s.reviewsByAgency || [];
  const statusColour = {QUEUED: COLOURS.grey, SENT: COLOURS.pending, SUCCEEDED: COLOURS.pass, FAILED: COLOURS.fail};
  const C = T.charts;
  const outcome = LABELS.RatioOutcome;
  const review = LABELS.SwitchStatus;
  return [
    {id: 'chart-positions', title: C.positions, categories: [outcome.KEEP, outcome.REDUCE, outcome.CANCEL],
      series: [{name: C.positionsSeries, data: [p.open, p.reduced, p.cancelled], colours: [COLOURS.pass, COLOURS.manual, COLOURS.fail]}]},
    {id: 'chart-reviews', title: C.reviews, categories: [review.PENDING, review.APPROVED, review.REJECTED],
      series: [{name: C.reviewsSeries, data: [r.pending, r.approved, r.rejected], colours: [COLOURS.pending, COLOURS.pass, COLOURS.fail]}]},
    {id: 'chart-agencies', title: C.agencies, categories: agencies.map((a) => COMMON.withCode(a.agencyName, a.agencyCode)), stacked: true,
      series: [
        {name: review.PENDING, data: agencies.map((a) => a.pending), colour: COLOURS.pending},
        {name: review.APPROVED, data: agencies.map((a) => a.approved), colour: COLOURS.pass},
        {name: review.REJECTED, data: agencies.map((a) => a.rejected), colour: COLOURS.fail}]},
    {id: 'chart-refund-reasons', title: C.refundReasons, categories: Object.keys(REFUND_REASONS).map((k) => REFUND_REASONS[k]),
      series: [{name: C.refundsSeries, data: Object.keys(REFUND_REASONS).map((k) => (s.refundsByReason || {})[k] || 0), colour: COLOURS.grey}]},
    {id: 'chart-refund-status', title: C.refundStatus, categories: Object.keys(REFUND_STATUS).map((k) => REFUND_STATUS[k]),
      series: [{name: C.refundsSeries, data: Object.keys(REFUND_STATUS).map((k) => (s.refunds || {})[k] || 0),
        colours: Object.keys(REFUND_STATUS).map((k) => statusColour[k])}]},
  ];
}

function option(c) {
  // agency names are long: those bars lie down, their names beside them
  const horizontal = c.stacked || c.categories.length > 4;
  const categoryAxis = {type: 'category', data: c.categories, axisLabel: {interval: 0, width: horizontal ? 180 : 110, overflow: 'truncate'}, inverse: horizontal};
  const valueAxis = {type: 'value', minInterval: 1};
  return {
    animation: false,
    // No tooltip: ECharts builds it with inline styles, which the pages' CSP refuses; the table has the numbers.
    tooltip: {show: false},
    aria: {enabled: false},
    textStyle: {fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'},
    grid: {left: horizontal ? 190 : 40, right: 24, top: c.series.length > 1 ? 36 : 16, bottom: 32, containLabel: false},
    legend: c.series.length > 1 ? {top: 0} : {show: false},
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: c.series.map((s) => ({
      type: 'bar', name: s.name, stack: c.stacked ? 'all' : undefined, barMaxWidth: 48,
      // a series' own colour is the legend's too; colours per bar where the bars are the categories
      itemStyle: s.colour ? {color: s.colour} : undefined,
      data: s.data.map((v, i) => (s.colours ? {value: v, itemStyle: {color: s.colours[i]}} : {value: v})),
      label: {show: !c.stacked, position: horizontal ? 'right' : 'top'},
    })),
  };
}

/** The chart's numbers as a table: one row per category, one column per series. */
function numbers(c) {
  return h('table', {class: 'table table--chart', id: `${c.id}-table`},
    h('caption', {class: 'table__caption table__caption--s'}, T.tableCaption(c.title)),
    h('thead', {}, h('tr', {}, h('th', {class: 'table__header', scope: 'col'}, T.item),
      c.series.map((s) => h('th', {class: 'table__header table__cell--numeric', scope: 'col'}, s.name)))),
    h('tbody', {}, c.categories.map((name, i) => h('tr', {},
      h('th', {class: 'table__header', scope: 'row'}, name),
      c.series.map((s) => h('td', {class: 'table__cell table__cell--numeric'}, String(s.data[i] ?? 0)))))));
}

export async function summaryPage() {
  const exam = await chooseExam(route().params.get('exam'));
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  let s;
  let notices = null;
  try {
    // The notifications' figure is a side line: the dashboard shows without it should it fail.
    [s, notices] = await Promise.all([session.get(examApi(exam, '/summary')),
      session.get(examApi(exam, '/notifications/summary')).catch((e) => {
        if (e.status === 401) throw e;
        return null;
      })]);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const p = s.positions || {};
  const r = s.reviews || {};
  const charts = chartData(s);
  const boxes = charts.map((c) => {
    const canvas = h('div', {class: `chart__canvas${c.categories.length > 5 ? ' chart__canvas--tall' : ''}`, id: c.id, 'aria-hidden': 'true'});
    return {c, canvas, box: h('figure', {class: 'chart'}, h('figcaption', {class: 'heading-s'}, c.title), canvas,
      c.categories.length ? numbers(c) : h('p', {}, T.noSwitches))};
  });
  const loaded = new Date().toISOString();
  const content = h('div', {},
    pageTop(T.title, exam.name, exam, '/summary'),
    h('div', {class: 'dashboard__bar'},
      h('p', {class: 'secondary', role: 'status'}, T.asOf(PHASES[s.phase] || s.phase, dateTime(loaded, exam.timeZone))),
      button(T.refresh, {class: 'button button--secondary', id: 'refresh', onclick: () => render()})),
    h('h2', {class: 'heading-m'}, T.figuresTitle),
    h('dl', {class: 'figures'},
      figure(T.kept, p.open), figure(T.reduced, p.reduced), figure(T.cancelled, p.cancelled),
      figure(T.affected, s.affectedApplicants), figure(T.withoutMobile, notices ? notices.affectedWithoutMobile : null),
      figure(T.switched, s.switchedApplicants), figure(T.notSwitched, s.notSwitched)),
    notices && notices.affectedWithoutMobile ? h('p', {}, h('a', {href: `#/notifications${query({exam: exam.code, status: 'NO_MOBILE'})}`}, T.withoutMobileLink)) : null,
    h('dl', {class: 'figures'}, figure(LABELS.SwitchStatus.PENDING, r.pending), figure(LABELS.SwitchStatus.APPROVED, r.approved), figure(LABELS.SwitchStatus.REJECTED, r.rejected),
      figure(T.overdue, r.overdue), figure(COMMON.lateDecision, r.decidedLate)),
    h('dl', {class: 'figures'}, Object.entries(s.refunds || {}).map(([k, v]) => figure(T.refundFigure(REFUND_STATUS[k] || k), v)),
      figure(REFUND_DELIVERY.figure, s.refundDeliveryProblems)),
    s.refundDeliveryProblems ? h('p', {class: 'delivery-problems'},
      h('a', {href: `#/refunds${query({exam: exam.code, deliveryProblem: 'true'})}`}, T.problemLink(REFUND_DELIVERY.figureLink, s.refundDeliveryProblems))) : null,
    h('h2', {class: 'heading-m'}, T.chartsTitle),
    h('div', {class: 'charts'}, boxes.map((b) => b.box)));
  content.afterShow = () => {
    drawCharts(boxes);
    return false;
  };
  return content;
}

async function drawCharts(boxes) {
  let echarts;
  try {
    echarts = await import(ECHARTS);
  } catch {
    for (const b of boxes) b.canvas.replaceChildren(h('p', {class: 'secondary'}, T.chartsFailed));
    return;
  }
  const instances = [];
  for (const {c, canvas} of boxes) {
    if (!canvas.isConnected || !c.categories.length) continue;
    const chart = echarts.init(canvas, null, {renderer: 'canvas'});
    chart.setOption(option(c));
    instances.push(chart);
  }
  const resize = () => instances.forEach((i) => i.resize());
  window.addEventListener('resize', resize);
  onLeave(() => {
    window.removeEventListener('resize', resize);
    instances.forEach((i) => i.dispose());
  });
}
