import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { idParams } from '../../../http/schema.js';
import { VEHICLE_ASSEMBLIES } from '../../../../shared/enums/recyclingVehicles.js';
import { dismantlingQualificationPolicy } from '../policies/dismantlingQualification.js';
import { scrappedVehiclePolicy } from '../policies/vehicle.js';
import { correctVehicle } from './correction.js';
import { vehicleLabels } from './labels.js';
import { listQualifications, myQualification, registerQualification, revokeQualification } from './qualifications.js';
import { exportVehicles, getVehicle, listMyVehicles, listVehicles, vehicleSummary } from './queries.js';
import {
  correctVehicleBody,
  deregisterBody,
  dismantleBody,
  exportVehiclesQuery,
  issueCertificateBody,
  myQualificationView,
  ownVehiclePage,
  qualificationListQuery,
  qualificationPage,
  qualificationView,
  recordVehicleBody,
  registerQualificationBody,
  revokeQualificationBody,
  vehicleDetailView,
  vehicleListQuery,
  vehiclePage,
  vehicleSummaryQuery,
  vehicleSummaryView,
  withdrawBody,
} from './schema.js';
import { pageQuery } from '../../../http/schema.js';
import { deregisterVehicle, dismantleVehicle, issueCertificate, recordVehicle, withdrawVehicle } from './service.js';

const tags = ['recycling vehicles'];
const BASE = '/recycling/vehicles';
const QUAL = '/recycling/dismantling-qualifications';
const vehicle = (action: (typeof scrappedVehiclePolicy.actions)[number]) => ({ policy: { policy: scrappedVehiclePolicy, action } });
const qualification = (action: (typeof dismantlingQualificationPolicy.actions)[number]) => ({ policy: { policy: dismantlingQualificationPolicy, action } });

export const vehiclesRoutes: ModulePlugin = async (app, { deps }) => {
  app.get(QUAL, {
    config: qualification('list'),
    schema: {
      tags,
      summary: 'Dismantling qualifications (a recycler sees its own)',
      querystring: qualificationListQuery,
      response: { 200: qualificationPage },
    },
    handler: (req) => listQualifications(deps, req.ctx, req.query),
  });
  app.get(`${QUAL}/mine`, {
    config: qualification('list'),
    schema: {
      tags,
      summary: 'Whether the caller’s organisation may take in scrapped vehicles today, and under which qualification',
      response: { 200: myQualificationView },
    },
    handler: (req) => myQualification(deps, req.ctx),
  });
  app.post(QUAL, {
    config: qualification('register'),
    schema: {
      tags,
      summary: '市商务局 registers a recycler’s dismantling qualification (资质认定); a newer one supersedes the one in force',
      body: registerQualificationBody,
      response: { 201: qualificationView },
    },
    handler: async (req, reply) => reply.code(201).send(await registerQualification(deps, req.ctx, req.body)),
  });
  app.post(`${QUAL}/:id/revoke`, {
    config: qualification('revoke'),
    schema: {
      tags,
      summary: '市商务局 revokes a qualification, with the reason',
      params: idParams,
      body: revokeQualificationBody,
      response: { 200: qualificationView },
    },
    handler: (req) => revokeQualification(deps, req.ctx, req.params.id, req.body.reason),
  });

  app.post(BASE, {
    config: vehicle('record'),
    schema: {
      tags,
      summary: 'A qualified dismantler records a scrapped vehicle it takes in (and the certificate, when issued at receipt)',
      description: 'Without a valid dismantling qualification: 409 DISMANTLER_NOT_QUALIFIED naming why. The owner’s ID number is stored encrypted.',
      body: recordVehicleBody,
      response: { 201: vehicleDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordVehicle(deps, req.ctx, req.body)),
  });
  app.get(BASE, {
    config: vehicle('list'),
    schema: {
      tags,
      summary: 'The vehicle register (a dismantler sees its own): filters, sorting, pages',
      querystring: vehicleListQuery,
      response: { 200: vehiclePage },
    },
    handler: (req) => listVehicles(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/export.xlsx`, {
    config: vehicle('export'),
    schema: { tags, summary: 'The vehicle register matching the filters, with the five assemblies, as Excel', querystring: exportVehiclesQuery },
    handler: async (req, reply) => {
      const rows = await exportVehicles(deps, req.ctx, req.query);
      const l = vehicleLabels(req.ctx.locale);
      const buffer = await workbookBuffer({
        name: l.sheet,
        rows,
        columns: [
          { header: l.dismantler, value: (r) => r.dismantlerName, width: 30 },
          { header: l.town, value: (r) => r.townName, width: 12 },
          { header: l.vin, value: (r) => r.vin, width: 20 },
          { header: l.plate, value: (r) => r.plate, width: 12 },
          { header: l.owner, value: (r) => r.owner.name, width: 20 },
          { header: l.ownerId, value: (r) => r.owner.idNumberMask ?? r.owner.creditCode, width: 22 },
          { header: l.emission, value: (r) => l.emissions[r.emissionStandard], width: 10 },
          { header: l.fuel, value: (r) => l.fuels[r.fuelType], width: 12 },
          { header: l.registeredOn, value: (r) => r.registeredOn, width: 12 },
          { header: l.receivedOn, value: (r) => r.receivedOn, width: 12 },
          { header: l.certificate, value: (r) => r.certificateNumber, width: 22 },
          { header: l.certificateOn, value: (r) => r.certificateIssuedOn, width: 12 },
          { header: l.dismantledOn, value: (r) => r.dismantledOn, width: 12 },
          ...VEHICLE_ASSEMBLIES.map((a) => ({
            header: l.assemblies[a],
            width: 22,
            value: (r: (typeof rows)[number]) => {
              const x = r.assemblies[a];
              return x ? `${l.destinations[x.destination]} ${x.on}${x.recipient ? ` ${x.recipient}` : ''}` : null;
            },
          })),
          { header: l.deregisteredOn, value: (r) => r.deregisteredOn, width: 12 },
          { header: l.status, value: (r) => l.statuses[r.status], width: 14 },
          { header: l.demo, value: (r) => (r.isDemo ? l.demo : null), width: 6 },
        ],
      });
      return sendXlsx(reply, `${l.sheet}.xlsx`, buffer);
    },
  });
  app.get(`${BASE}/summary`, {
    config: vehicle('listAll'),
    schema: {
      tags,
      summary: 'Vehicles by status and by dismantler, and where the assemblies went (市商务局, the office, auditors)',
      querystring: vehicleSummaryQuery,
      response: { 200: vehicleSummaryView },
    },
    handler: (req) => vehicleSummary(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/mine`, {
    config: vehicle('listMine'),
    schema: {
      tags,
      summary: 'The resident’s own scrapped vehicles (their ID number is the owner’s) with the one-stop’s steps',
      querystring: pageQuery,
      response: { 200: ownVehiclePage },
    },
    handler: (req) => listMyVehicles(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/:id`, {
    config: vehicle('read'),
    schema: { tags, summary: 'One vehicle with its assemblies and timeline', params: idParams, response: { 200: vehicleDetailView } },
    handler: (req) => getVehicle(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/:id/certificate`, {
    config: vehicle('advance'),
    schema: {
      tags,
      summary: 'Issue the scrapping certificate (报废机动车回收证明): its number, unique, and date',
      params: idParams,
      body: issueCertificateBody,
      response: { 200: vehicleDetailView },
    },
    handler: (req) => issueCertificate(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/dismantle`, {
    config: vehicle('advance'),
    schema: {
      tags,
      summary: 'Dismantled, with each of the five main assemblies’ destination and date',
      params: idParams,
      body: dismantleBody,
      response: { 200: vehicleDetailView },
    },
    handler: (req) => dismantleVehicle(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/deregister`, {
    config: vehicle('advance'),
    schema: {
      tags,
      summary: 'The registration was cancelled (注销登记) by the traffic police',
      params: idParams,
      body: deregisterBody,
      response: { 200: vehicleDetailView },
    },
    handler: (req) => deregisterVehicle(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/withdraw`, {
    config: vehicle('withdraw'),
    schema: {
      tags,
      summary: 'Withdraw a record made by mistake, before dismantling, with the reason',
      params: idParams,
      body: withdrawBody,
      response: { 200: vehicleDetailView },
    },
    handler: (req) => withdrawVehicle(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.put(`${BASE}/:id`, {
    config: vehicle('correct'),
    schema: {
      tags,
      summary: 'Correct fields recorded wrongly, before deregistration, with a reason (audited; 409 VERSION_CONFLICT when stale)',
      params: idParams,
      body: correctVehicleBody,
      response: { 200: vehicleDetailView },
    },
    handler: (req) => correctVehicle(deps, req.ctx, req.params.id, req.body),
  });
};
