import { Steps, Tag, Timeline, Typography } from 'antd';
import { formatMinute } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { SCRAPPED_VEHICLE_STEPS, type ScrappedVehicleStatus } from '../../../../../shared/enums/recyclingVehicles';
import type { RecyclingMessageKey } from '../../index';
import type { VehicleDetailView } from './api';

const COLOR: Record<ScrappedVehicleStatus, string> = {
  received: 'gold',
  certificate_issued: 'blue',
  dismantled: 'cyan',
  deregistered: 'green',
  withdrawn: 'default',
};

/** The translation of a code under a prefix (`recycling.veh.fuel.` + `petrol`). */
export function useCode() {
  const t = useT();
  return (prefix: string, code: string) => t(`recycling.veh.${prefix}.${code}` as RecyclingMessageKey);
}

export function VehicleStatusTag({ status }: { status: ScrappedVehicleStatus }) {
  const code = useCode();
  return (
    <Tag color={COLOR[status]} data-testid={`vehicle-status-${status}`}>
      {code('status', status)}
    </Tag>
  );
}

interface Stepped {
  status: ScrappedVehicleStatus;
  receivedOn: string;
  certificateIssuedOn: string | null;
  dismantledOn: string | null;
  deregisteredOn: string | null;
}

/** The one-stop's four steps with their dates: across on a desktop, down on a phone. */
export function VehicleSteps({ v, vertical }: { v: Stepped; vertical?: boolean }) {
  const code = useCode();
  const isPhone = useIsPhone();
  const dates: Record<(typeof SCRAPPED_VEHICLE_STEPS)[number], string | null> = {
    received: v.receivedOn,
    certificate_issued: v.certificateIssuedOn,
    dismantled: v.dismantledOn,
    deregistered: v.deregisteredOn,
  };
  const reached = SCRAPPED_VEHICLE_STEPS.filter((s) => dates[s] !== null).length;
  return (
    <Steps
      size="small"
      orientation={vertical || isPhone ? 'vertical' : 'horizontal'}
      // The steps done are ticked and the next one is in hand; a withdrawn record stops where it was.
      current={v.status === 'withdrawn' ? Math.max(0, reached - 1) : Math.min(reached, SCRAPPED_VEHICLE_STEPS.length - 1)}
      status={v.status === 'withdrawn' ? 'error' : v.status === 'deregistered' ? 'finish' : 'process'}
      data-testid="vehicle-steps"
      items={SCRAPPED_VEHICLE_STEPS.map((s) => ({ title: code('step', s), content: dates[s] ?? undefined }))}
    />
  );
}

export function VehicleTimeline({ v }: { v: VehicleDetailView }) {
  const t = useT();
  const code = useCode();
  const fieldName = (f: string) =>
    ({
      vin: t('recycling.veh.field.vin'),
      plate: t('recycling.veh.field.plate'),
      owner: t('recycling.veh.field.owner'),
      emissionStandard: t('recycling.veh.field.emission'),
      fuelType: t('recycling.veh.field.fuel'),
      registeredOn: t('recycling.veh.field.registeredOn'),
      receivedOn: t('recycling.veh.field.receivedOn'),
      certificateNumber: t('recycling.veh.field.certificate'),
      certificateIssuedOn: t('recycling.veh.field.certificateOn'),
      dismantledOn: t('recycling.veh.field.dismantledOn'),
    })[f] ?? f;
  return (
    <Timeline
      data-testid="vehicle-timeline"
      items={v.timeline.map((e) => ({
        content: (
          <div>
            <Typography.Text strong>{code('action', e.action)}</Typography.Text> <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
            {e.fields.length > 0 && <div>{t('recycling.veh.correctedFields', { fields: e.fields.map(fieldName).join('、') })}</div>}
            {e.reasons.length > 0 && <div>{e.reasons.join('；')}</div>}
            {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}
