import { Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { PublicSiteView } from './api';
import { RECYCLING_SITE_KINDS, type RecyclingSiteKind } from './shared';

/** Jinjiang's rough box, as the server checks coordinates against (sites/schema.ts JINJIANG_BOUNDS). */
const BOX = { south: 24.5, north: 25.0, west: 118.4, east: 118.8 };
// A degree of longitude is cos(latitude) of a degree of latitude: about 0.91 at 24.75°N.
const H = 500;
const W = Math.round((H * (BOX.east - BOX.west) * Math.cos((24.75 * Math.PI) / 180)) / (BOX.north - BOX.south));
const COLORS: Record<RecyclingSiteKind, string> = { sorting_centre: '#c2410c', station: '#1a4f95', smart_device: '#15803d', bulky_transfer: '#7c3aed' };

/**
 * The sites with coordinates as dots on a plain SVG of Jinjiang's box: no map tiles, nothing fetched from anywhere,
 * so the page keeps working offline and tells nobody outside where its visitors look.
 */
export function SiteScatter({ sites }: { sites: PublicSiteView[] }) {
  const t = useT();
  const placed = sites.filter((s) => s.latitude !== null && s.longitude !== null);
  if (placed.length === 0) return null;
  const x = (lng: number) => ((lng - BOX.west) / (BOX.east - BOX.west)) * W;
  const y = (lat: number) => ((BOX.north - lat) / (BOX.north - BOX.south)) * H;
  return (
    <figure className="hx-block" data-testid="site-scatter">
      <Typography.Title level={5}>{t('recycling.public.map')}</Typography.Title>
      <svg className="hx-site-scatter" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('recycling.public.map')}>
        {[0.25, 0.5, 0.75].map((f) => (
          <g key={f} stroke="#d9e2ef" strokeDasharray="4 4">
            <line x1={0} x2={W} y1={H * f} y2={H * f} />
            <line x1={W * f} x2={W * f} y1={0} y2={H} />
          </g>
        ))}
        <text x={8} y={18} fontSize={14} fill="#667085">
          N ↑
        </text>
        {placed.map((s) => (
          <circle
            key={s.id}
            cx={x(s.longitude!)}
            cy={y(s.latitude!)}
            r={8}
            fill={COLORS[s.kind]}
            fillOpacity={0.85}
            stroke="#fff"
            strokeWidth={2}
            data-testid={`site-dot-${s.id}`}
          >
            <title>{`${s.name} · ${s.townName}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        {RECYCLING_SITE_KINDS.map((k) => (
          <span key={k} style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
            <svg width={10} height={10} aria-hidden>
              <circle cx={5} cy={5} r={5} fill={COLORS[k]} />
            </svg>{' '}
            {t(`recycling.sites.kind.${k}` as MessageKey)}
          </span>
        ))}
        <div>
          <Typography.Text type="secondary">{t('recycling.public.mapNote')}</Typography.Text>
        </div>
      </figcaption>
    </figure>
  );
}
