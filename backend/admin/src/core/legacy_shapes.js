// Until every route answers in the documented shapes (bare objects; lists as
// {data, page, page_size, total}), answers in the older shapes are turned into those here, so the
// screens are written once against the documented ones. Routes already converted pass untouched.
const wrappers = ['bike', 'staff', 'site', 'user', 'device', 'policy', 'tracker', 'loan'];

function wrapped(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  if (keys.length === 1 && wrappers.includes(keys[0]) && data[keys[0]] && typeof data[keys[0]] === 'object') {
    return data[keys[0]];
  }
  return undefined;
}

function listIn(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data.data)) return undefined;
  const arrays = Object.values(data).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}

function matches(item, q) {
  const needle = q.toLowerCase();
  return Object.values(item).some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

function compare(field) {
  const descending = field.startsWith('-');
  const name = descending ? field.slice(1) : field;
  return (a, b) => {
    const x = a[name] ?? '';
    const y = b[name] ?? '';
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true });
    return descending ? -order : order;
  };
}

/// The answer in today's documented shape.
export function documentedShape(data, params = {}) {
  const inner = wrapped(data);
  if (inner) return inner;
  let items = params.page_size ? listIn(data) : undefined;
  if (!items) return data;
  if (data.total !== undefined && data.page !== undefined) {
    return { data: items, page: data.page, page_size: data.page_size, total: data.total };
  }
  for (const [name, value] of Object.entries(params)) {
    if (['page', 'page_size', 'sort', 'q'].includes(name) || value === undefined || value === '') continue;
    if (items.length && name in items[0]) items = items.filter((item) => String(item[name]) === String(value));
  }
  if (params.q) items = items.filter((item) => matches(item, params.q));
  if (params.sort) items = [...items].sort(compare(params.sort));
  const page = Number(params.page) || 1;
  const pageSize = Number(params.page_size) || 50;
  return { data: items.slice((page - 1) * pageSize, page * pageSize), page, page_size: pageSize, total: items.length };
}
