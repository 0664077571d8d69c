// Dates, money and durations as applicants read them: in the exam's own time zone, in Chinese.
import {FORMAT} from './copy.js';

const ZONE_NAMES = {'Asia/Shanghai': FORMAT.chinaTime, 'Asia/Chongqing': FORMAT.chinaTime, 'Asia/Harbin': FORMAT.chinaTime, 'PRC': FORMAT.chinaTime};

function zoneName(timeZone, date) {
  if (ZONE_NAMES[timeZone]) return ZONE_NAMES[timeZone];
  const part = new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'shortOffset'})
    .formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part ? part.value.replace('GMT', 'UTC') : timeZone;
}

/** "2023年1月16日 12:00（北京时间）" */
export function dateTime(iso, timeZone) {
  if (!iso) return null;
  const date = new Date(iso);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return FORMAT.dateTime(parts, zoneName(timeZone, date));
}

/** "1天 3小时 05分 09秒" for a positive number of milliseconds. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return FORMAT.duration(d, hh, mm, ss);
}

export function money(amount) {
  return amount == null ? null : FORMAT.money(amount);
}

/** Whole minutes (at least 1) of a wait given in seconds, e.g. from Retry-After. */
export function minutes(seconds) {
  return Math.max(1, Math.ceil((seconds || 60) / 60));
}

/** "1986年1月1日" for a date (YYYY-MM-DD). */
export function date(isoDate) {
  if (!isoDate) return null;
  const [y, m, d] = isoDate.split('-').map(Number);
  return FORMAT.date(y, m, d);
}

/** Age in whole years on the calendar day of the instant in the exam's time zone. */
export function ageAt(birthDate, instantIso, timeZone) {
  if (!birthDate || !instantIso) return null;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: 'numeric', day: 'numeric'})
    .formatToParts(new Date(instantIso)).map((p) => [p.type, Number(p.value)]));
  const [by, bm, bd] = birthDate.split('-').map(Number);
  return parts.year - by - (parts.month < bm || (parts.month === bm && parts.day < bd) ? 1 : 0);
}

function wallParts(timeZone, ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return p;
}

/** Minutes the zone is ahead of UTC at the instant (ms). */
export function offsetMinutes(timeZone, ms) {
  const p = wallParts(timeZone, ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** "+08:00" for an offset in minutes. */
function offsetText(minutes) {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "UTC+08:00": the zone's offset at the instant (now when none is given). */
export function utcOffset(timeZone, iso) {
  return `UTC${offsetText(offsetMinutes(timeZone, iso ? Date.parse(iso) : Date.now()))}`;
}

/** A datetime-local input's value ("2023-01-15T09:00") of an instant, in the zone. */
export function toLocalInput(iso, timeZone) {
  if (!iso) return '';
  const p = wallParts(timeZone, Date.parse(iso));
  const two = (n) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The instant of a wall time ("2023-01-15T09:00") in the zone, as ISO-8601 with that zone's offset
 * then ("2023-01-15T09:00:00+08:00"), or null when the value is not a wall time.
 */
export function fromLocalInput(value, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value || '');
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // the offset at the wall time read as UTC, then again at the instant it gives (a DST change between)
  let offset = offsetMinutes(timeZone, wall);
  offset = offsetMinutes(timeZone, wall - offset * 60000);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${offsetText(offset)}`;
}
