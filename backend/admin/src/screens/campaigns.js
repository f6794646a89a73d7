// Campaigns: a recall or inspection of every bike of a model, one work order on each, and how far
// along it is.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { bikesOnce, useSites } from '../core/names.js';
import { href, navigate } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, moment } from '../core/words.js';
import { actorWord, workOrderStatusWord, workOrderStatuses } from '../core/workshop_words.js';
import { DataList } from '../components/data_list.js';
import { Checkbox, ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextArea, TextField, useForm } from '../components/form.js';
import { Failure, Loading } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';
import { workOrderColumns } from './workshop.js';

const kindWords = { recall: 'Recall', inspection: 'Inspection' };

function Progress({ campaign }) {
  const { work_orders: all, finished } = campaign.progress;
  return html`<span class="app-nowrap">${finished} of ${all} done</span>`;
}

export function Campaigns({ user }) {
  return html`<${Page} title="Campaigns" caption="Workshop"
    actions=${user.role === 'coordinator' && html`<a class="nhsuk-button nhsuk-button--small" href=${href('/campaigns/new')}>Start a campaign</a>`}>
    <p class="nhsuk-body">A recall or an inspection opens a work order on every bike of a model still in the fleet.</p>
    <${DataList} id="campaigns" path="/campaigns" caption="Campaigns" defaultSort="-created_at" empty="No campaign yet."
      columns=${[
        { key: 'title', label: 'Campaign', sort: true, render: (c) => html`<a href=${href(`/campaigns/${c.id}`)}>${c.title}</a>` },
        { key: 'kind', label: 'Kind', render: (c) => `${kindWords[c.kind] || c.kind}${c.safety ? ', safety' : ''}` },
        { key: 'model', label: 'Model', sort: true },
        { key: 'progress', label: 'Progress', render: (c) => html`<${Progress} campaign=${c} />` },
        { key: 'created_at', label: 'Started', sort: true, render: (c) => day(c.created_at) },
      ]} />
  </${Page}>`;
}

export function CampaignPage({ params }) {
  const sites = useSites();
  const { data: campaign, error, loading } = useApi(() => api.get(`/campaigns/${params.id}`), [params.id]);
  if (loading && !campaign) return html`<${Page} title="Campaign"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Campaign"><${Failure} error=${error} /></${Page}>`;
  const counts = campaign.progress.by_status;
  return html`<${Page} title=${campaign.title} caption="Campaigns">
    <${Summary} rows=${[
      ['Kind', `${kindWords[campaign.kind] || campaign.kind}${campaign.safety ? ': safety, the bikes cannot be lent until each is signed off' : ''}`],
      ['Model', campaign.model],
      ['What to do', campaign.description || '—'],
      ['Progress', html`<${Progress} campaign=${campaign} />`],
      ['Started', `${moment(campaign.created_at)} by ${actorWord(campaign.created_by)}`],
    ]} />
    <table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Work orders by status</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Status</th><th scope="col" class="app-numeric">Work orders</th></tr></thead>
      <tbody class="nhsuk-table__body">${workOrderStatuses.map((status) => html`<tr class="nhsuk-table__row" key=${status}>
        <th scope="row" class="nhsuk-table__cell">${workOrderStatusWord(status)}</th><td class="nhsuk-table__cell app-numeric">${counts[status] ?? 0}</td></tr>`)}</tbody></table>
    <h2 class="nhsuk-heading-m">Its work orders</h2>
    <${DataList} id="campaign-orders" path="/work-orders" fixed=${{ campaign_id: campaign.id }} inUrl=${false} caption="The campaign's work orders" defaultSort="id"
      columns=${workOrderColumns(sites)} />
  </${Page}>`;
}

export function NewCampaign() {
  const { data: bikes } = useApi(bikesOnce);
  const models = [...new Set((bikes || []).filter((bike) => bike.status !== 'retired').map((bike) => bike.model))].sort();
  const form = useForm({
    id: 'campaign-new',
    initial: { title: '', kind: 'inspection', model: '', safety: true, description: '' },
    validate: (v) => ({
      ...(v.title.trim() ? {} : { title: 'Enter a title' }),
      ...(v.model ? {} : { model: 'Choose the model' }),
    }),
    onSubmit: async (v, key) => {
      const campaign = await api.post('/campaigns', { title: v.title.trim(), kind: v.kind, model: v.model, safety: !!v.safety, description: v.description.trim() }, { key });
      navigate(`/campaigns/${campaign.id}`);
    },
  });
  return html`<${Page} title="Start a campaign" caption="Campaigns">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <${RestoredNotice} form=${form} />
      <${ErrorSummary} form=${form} labels=${{ title: 'Title', model: 'Model', kind: 'Kind' }} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="title" label="Title" hint="For example: Brake calliper recall 2026." width="30" />
        <${SelectField} form=${form} name="kind" label="Kind" options=${[{ value: 'inspection', label: 'Inspection' }, { value: 'recall', label: 'Recall' }]} />
        <${SelectField} form=${form} name="model" label="Model" hint="A work order is opened on every bike of this model still in the fleet."
          options=${[{ value: '', label: 'Choose a model' }, ...models.map((model) => ({ value: model, label: model }))]} />
        <${Checkbox} form=${form} name="safety" label="A safety campaign: the bikes cannot be lent until each is signed off" />
        <${TextArea} form=${form} name="description" label="What to do" />
        <${SubmitButton} form=${form}>Start the campaign</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
