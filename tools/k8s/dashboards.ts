/**
 * The Grafana dashboards of merchant-pulse, as data: `generate-manifests` writes each to
 * deploy/grafana/dashboards/<uid>.json (docker compose provisions that folder) and into ConfigMaps
 * labelled `grafana_dashboard` for the Grafana sidecar in Kubernetes. Every query names only metrics
 * the services register (checked by dashboards.spec.ts and, live, by metrics-scrape.int-spec.ts).
 */
export interface PanelDef {
  title: string;
  /** One line on what the panel answers, shown as the panel description. */
  description: string;
  targets: Array<{ expr: string; legend: string }>;
  unit?: string;
  type?: 'timeseries' | 'stat' | 'bargauge';
  stack?: boolean;
}

export interface DashboardDef {
  uid: string;
  title: string;
  /** The question an operator opens it for (README). */
  answers: string;
  panels: PanelDef[];
}

const svc = 'service=~"$service"';

export const DASHBOARDS: DashboardDef[] = [
  {
    uid: 'pulse-ingestion',
    title: 'merchant-pulse / Ingestion',
    answers:
      'Are acquirer transactions flowing in, how far behind is ingestion, what is rejected or dead-lettered and why, and do accepted + duplicate + rejected add up to what arrived?',
    panels: [
      {
        title: 'Transactions ingested by outcome',
        description: 'Rate of raw transactions by outcome (accepted, duplicate, rejected).',
        targets: [{ expr: 'sum by (outcome) (rate(pulse_ingest_events_total[5m]))', legend: '{{outcome}}' }],
        unit: 'ops',
        stack: true,
      },
      {
        title: 'Consumer lag of acquirer.transactions.v1',
        description: 'Messages between the committed offset and the high watermark, per partition.',
        targets: [
          {
            expr: 'max by (partition) (pulse_kafka_consumer_lag{topic=~".*acquirer.transactions.v1"})',
            legend: 'partition {{partition}}',
          },
        ],
        unit: 'short',
        stack: true,
      },
      {
        title: 'Rejections by reason',
        description: 'Rejected transactions by dead-letter reason code.',
        targets: [
          {
            expr: 'sum by (reason) (rate(pulse_ingest_events_total{outcome="rejected"}[5m]))',
            legend: '{{reason}}',
          },
        ],
        unit: 'ops',
      },
      {
        title: 'Dead letters by topic and reason',
        description: 'Messages sent to a dead-letter topic (all services), and those too large for it.',
        targets: [
          {
            expr: 'sum by (topic, reason) (rate(pulse_dead_letters_total[5m]))',
            legend: '{{topic}} {{reason}}',
          },
          {
            expr: 'sum by (topic) (rate(pulse_dead_letters_overflow_total[5m]))',
            legend: 'overflow table {{topic}}',
          },
        ],
        unit: 'ops',
      },
      {
        title: 'Accounting over the range (accepted / duplicate / rejected)',
        description:
          'Totals over the dashboard range: accepted + duplicate + rejected must equal what acquirers sent.',
        targets: [
          { expr: 'sum by (outcome) (increase(pulse_ingest_events_total[$__range]))', legend: '{{outcome}}' },
        ],
        type: 'bargauge',
        unit: 'short',
      },
    ],
  },
  {
    uid: 'pulse-outbox-consumers',
    title: 'merchant-pulse / Outbox and consumers',
    answers:
      'Is every service publishing its events (outbox draining) and is every consumer group up and keeping up?',
    panels: [
      {
        title: 'Outbox pending by service',
        description: 'Outbox rows written but not yet published; should hover near zero.',
        targets: [{ expr: `max by (service) (pulse_outbox_pending{${svc}})`, legend: '{{service}}' }],
        unit: 'short',
      },
      {
        title: 'Outbox rows that can never be published',
        description: 'Rows moved to outbox_failed, by topic and error.',
        targets: [
          {
            expr: 'sum by (topic, error) (increase(pulse_outbox_failed_total[1h]))',
            legend: '{{topic}} {{error}}',
          },
        ],
        unit: 'short',
      },
      {
        title: 'Consumer groups running',
        description:
          '1 when at least one replica of the group consumes; 0 or missing means the group is down.',
        targets: [{ expr: 'max by (group) (pulse_kafka_consumer_up)', legend: '{{group}}' }],
        type: 'stat',
      },
      {
        title: 'Consumer lag by group',
        description: 'Lag summed over partitions (each partition counted once).',
        targets: [
          {
            expr: 'sum by (group) (max by (group, topic, partition) (pulse_kafka_consumer_lag))',
            legend: '{{group}}',
          },
        ],
        unit: 'short',
      },
      {
        title: 'Offset fence resets',
        description: 'Stale offset fences reset because a topic was re-created.',
        targets: [
          { expr: 'sum by (group) (increase(pulse_kafka_fence_resets_total[1h]))', legend: '{{group}}' },
        ],
        unit: 'short',
      },
    ],
  },
  {
    uid: 'pulse-http',
    title: 'merchant-pulse / HTTP',
    answers: 'Which routes are slow or failing, on which service, and is the error budget burning?',
    panels: [
      {
        title: 'Requests per second by route',
        description: 'Request rate by service and route template.',
        targets: [
          {
            expr: `sum by (service, method, route) (rate(pulse_http_requests_total{${svc}}[5m]))`,
            legend: '{{service}} {{method}} {{route}}',
          },
        ],
        unit: 'reqps',
      },
      {
        title: 'p95 latency by route',
        description: '95th percentile of request duration by route.',
        targets: [
          {
            expr: `histogram_quantile(0.95, sum by (service, route, le) (rate(pulse_http_request_duration_seconds_bucket{${svc}}[5m])))`,
            legend: '{{service}} {{route}}',
          },
        ],
        unit: 's',
      },
      {
        title: 'p99 latency by route',
        description: '99th percentile of request duration by route.',
        targets: [
          {
            expr: `histogram_quantile(0.99, sum by (service, route, le) (rate(pulse_http_request_duration_seconds_bucket{${svc}}[5m])))`,
            legend: '{{service}} {{route}}',
          },
        ],
        unit: 's',
      },
      {
        title: '5xx ratio by service',
        description: 'Share of requests answered with a 5xx status.',
        targets: [
          {
            expr: `sum by (service) (rate(pulse_http_requests_total{${svc},status=~"5.."}[5m])) / sum by (service) (rate(pulse_http_requests_total{${svc}}[5m]))`,
            legend: '{{service}}',
          },
        ],
        unit: 'percentunit',
      },
      {
        title: '4xx by status',
        description: 'Client errors by status (400 validation, 401/403 credentials, 429 rate limit).',
        targets: [
          {
            expr: `sum by (status) (rate(pulse_http_requests_total{${svc},status=~"4.."}[5m]))`,
            legend: '{{status}}',
          },
        ],
        unit: 'reqps',
      },
    ],
  },
  {
    uid: 'pulse-churn',
    title: 'merchant-pulse / Churn risk',
    answers: 'How many merchants move into each risk tier over time, and are the scoring runs healthy?',
    panels: [
      {
        title: 'Risk changes by behaviour tier (per hour)',
        description: 'MerchantRiskChanged events enqueued, by the tier merchants moved into.',
        targets: [
          {
            expr: 'sum by (behaviour_tier) (increase(pulse_churn_risk_changes_total[1h]))',
            legend: '{{behaviour_tier}}',
          },
        ],
        unit: 'short',
        stack: true,
      },
      {
        title: 'Merchants scored per second',
        description: 'Scores computed (incremental and full rescoring).',
        targets: [{ expr: 'sum(rate(pulse_churn_merchants_scored_total[5m]))', legend: 'scored' }],
        unit: 'ops',
      },
      {
        title: 'Full rescore progress',
        description: 'Share of merchants done in the running full rescore.',
        targets: [{ expr: 'max(pulse_churn_rescore_progress)', legend: 'progress' }],
        unit: 'percentunit',
        type: 'stat',
      },
      {
        title: 'Full rescore duration (p90)',
        description: 'Duration of full rescoring runs.',
        targets: [
          {
            expr: 'histogram_quantile(0.9, sum by (le) (rate(pulse_churn_rescore_duration_seconds_bucket[1d])))',
            legend: 'p90',
          },
        ],
        unit: 's',
      },
    ],
  },
  {
    uid: 'pulse-campaigns',
    title: 'merchant-pulse / Campaigns',
    answers:
      'How many at-risk merchants are enrolled (treatment vs holdout), how many are reached on which channel, what blocks outreach, and is the treatment arm converting better than the holdout?',
    panels: [
      {
        title: 'Enrolments by campaign kind and arm',
        description: 'Merchants enrolled per hour, treatment vs holdout.',
        targets: [
          {
            expr: 'sum by (campaign_kind, arm) (increase(pulse_campaign_enrolled_total[1h]))',
            legend: '{{campaign_kind}} {{arm}}',
          },
        ],
        unit: 'short',
        stack: true,
      },
      {
        title: 'Outreach funnel by channel and outcome',
        description: 'Outreach attempts by channel and outcome (sent, failed, …).',
        targets: [
          {
            expr: 'sum by (channel, outcome) (increase(pulse_outreach_total[1h]))',
            legend: '{{channel}} {{outcome}}',
          },
        ],
        unit: 'short',
      },
      {
        title: 'Outreach skipped by reason',
        description:
          'Guards that blocked a contact: consent, frequency cap, quiet hours, fix-first, suspended.',
        targets: [
          { expr: 'sum by (reason) (increase(pulse_outreach_skipped_total[1h]))', legend: '{{reason}}' },
        ],
        unit: 'short',
      },
      {
        title: 'Enrolled over the range by arm',
        description: 'Treatment and holdout sizes over the dashboard range (uplift denominators).',
        targets: [
          {
            expr: 'sum by (arm) (increase(pulse_campaign_enrolled_total[$__range]))',
            legend: '{{arm}}',
          },
        ],
        type: 'bargauge',
        unit: 'short',
      },
      {
        title: 'Reached share of treatment',
        description: 'Outreach delivered over treatment enrolments in the range.',
        targets: [
          {
            expr: 'sum(increase(pulse_outreach_total{outcome="delivered"}[$__range])) / sum(increase(pulse_campaign_enrolled_total{arm="treatment"}[$__range]))',
            legend: 'reached / enrolled',
          },
        ],
        type: 'stat',
        unit: 'percentunit',
      },
      {
        title: 'Conversion rate by arm',
        description: 'Enrolments converted within their attribution window over enrolments, per arm (range).',
        targets: [
          {
            expr: 'sum by (arm) (increase(pulse_campaign_conversions_total[$__range])) / sum by (arm) (increase(pulse_campaign_enrolled_total[$__range]))',
            legend: '{{arm}}',
          },
        ],
        type: 'bargauge',
        unit: 'percentunit',
      },
      {
        title: 'Uplift (treatment − holdout conversion rate)',
        description:
          'Point estimate over the range; the campaign results API gives the Newcombe interval. Below zero: the campaign hurts.',
        targets: [
          {
            expr: 'sum(increase(pulse_campaign_conversions_total{arm="treatment"}[$__range])) / sum(increase(pulse_campaign_enrolled_total{arm="treatment"}[$__range])) - sum(increase(pulse_campaign_conversions_total{arm="holdout"}[$__range])) / sum(increase(pulse_campaign_enrolled_total{arm="holdout"}[$__range]))',
            legend: 'uplift',
          },
        ],
        type: 'stat',
        unit: 'percentunit',
      },
    ],
  },
  {
    uid: 'pulse-tickets',
    title: 'merchant-pulse / Ticket SLA',
    answers:
      'Are tickets answered and resolved within their SLA, which targets are breached, and is it getting worse?',
    panels: [
      {
        title: 'Tickets opened by category',
        description: 'Tickets opened per hour by category.',
        targets: [
          { expr: 'sum by (category) (increase(pulse_tickets_opened_total[1h]))', legend: '{{category}}' },
        ],
        unit: 'short',
        stack: true,
      },
      {
        title: 'Open tickets by priority',
        description: 'Tickets not yet resolved, by priority.',
        targets: [{ expr: 'sum by (priority) (pulse_tickets_open)', legend: '{{priority}}' }],
        unit: 'short',
        stack: true,
      },
      {
        title: 'SLA breaches by kind and priority',
        description: 'First response, next response and resolution targets breached per hour.',
        targets: [
          {
            expr: 'sum by (kind, priority) (increase(pulse_sla_breaches_total[1h]))',
            legend: '{{kind}} {{priority}}',
          },
        ],
        unit: 'short',
      },
      {
        title: 'SLA warnings (75%) by kind',
        description: 'Tickets that reached 75% of a target: the queue about to breach.',
        targets: [{ expr: 'sum by (kind) (increase(pulse_sla_warnings_total[1h]))', legend: '{{kind}}' }],
        unit: 'short',
      },
      {
        title: 'Breaches per opened ticket (24h)',
        description: 'Breaches over tickets opened, last 24 hours.',
        targets: [
          {
            expr: 'sum(increase(pulse_sla_breaches_total[24h])) / sum(increase(pulse_tickets_opened_total[24h]))',
            legend: 'breach ratio',
          },
        ],
        type: 'stat',
        unit: 'percentunit',
      },
    ],
  },
];

/** Grafana dashboard JSON (schemaVersion 39) for one definition. */
export function dashboardJson(d: DashboardDef): object {
  const width = 12;
  const height = 8;
  return {
    uid: d.uid,
    title: d.title,
    description: d.answers,
    tags: ['merchant-pulse'],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
        {
          name: 'service',
          type: 'query',
          label: 'Service',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: { query: 'label_values(pulse_http_requests_total, service)', refId: 'service' },
          definition: 'label_values(pulse_http_requests_total, service)',
          includeAll: true,
          multi: true,
          allValue: '.*',
          current: { text: 'All', value: '$__all' },
          refresh: 2,
        },
      ],
    },
    panels: d.panels.map((p, i) => ({
      id: i + 1,
      type: p.type ?? 'timeseries',
      title: p.title,
      description: p.description,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { x: (i % 2) * width, y: Math.floor(i / 2) * height, w: width, h: height },
      fieldConfig: {
        defaults: {
          unit: p.unit ?? 'short',
          ...(p.stack ? { custom: { stacking: { mode: 'normal' }, fillOpacity: 20 } } : {}),
        },
        overrides: [],
      },
      options: { legend: { displayMode: 'table', placement: 'bottom' } },
      targets: p.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: t.expr,
        legendFormat: t.legend,
        datasource: { type: 'prometheus', uid: '${datasource}' },
      })),
    })),
  };
}
