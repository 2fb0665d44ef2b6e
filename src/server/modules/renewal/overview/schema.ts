import { z } from 'zod';
import { PROJECT_SECTORS, PROJECT_STATUSES, PROJECT_TYPES } from '../../../../shared/enums/renewalProjects.js';
import { overviewView as fundingOverviewView } from '../funding/schema.js';

export const overviewQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('The year of the yearly figures (started, completed); this year by default'),
  sector: z.enum(PROJECT_SECTORS).optional(),
  townId: z.coerce.number().int().positive().optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

const figures = {
  projects: z.number().int().describe('Projects past the draft (submitted, checked, in the library, under construction, completed, returned)'),
  plannedFen: z.number().int().describe('Planned investment of those projects, fen'),
  plannedEquipmentFen: z.number().int(),
  completed: z.number().int(),
  completedFen: z.number().int().describe('Actual investment of completed projects, fen'),
  completedEquipmentFen: z.number().int(),
  startedInYear: z.number().int().describe('Projects whose construction started in the year'),
  completedInYearFen: z.number().int().describe('Actual investment of projects completed in the year, fen'),
};
const figuresView = z.object(figures);
export type OverviewFigures = z.infer<typeof figuresView>;

export const renewalOverviewView = z.object({
  year: z.number().int(),
  totals: figuresView.extend({
    energySavedTce: z.number().describe('Expected energy saved a year by projects in the library or beyond, tce'),
    simplified: z.number().int().describe('Projects that took the simplified path'),
    oldMachineTools: z.number().int().describe('Machine tools in service over the configured years that projects replace (units)'),
    firstSets: z.number().int().describe('首台套 equipment items projects buy'),
    demoProjects: z.number().int().describe('Of the projects, how many are demo data (labelled 演示 wherever shown)'),
  }),
  byStatus: z.array(z.object({ status: z.enum(PROJECT_STATUSES), projects: z.number().int() })),
  bySector: z.array(z.object({ sector: z.enum(PROJECT_SECTORS), ...figures })),
  byType: z.array(z.object({ type: z.enum(PROJECT_TYPES), ...figures })),
  byTown: z.array(z.object({ townId: z.number().int(), townName: z.string(), ...figures })),
  byYear: z
    .array(z.object({ year: z.number().int(), started: z.number().int(), completed: z.number().int(), completedFen: z.number().int() }))
    .describe('Construction started and investment completed per calendar year (what A1-T1-01/02 count, for every sector)'),
  equipmentBySectorYear: z
    .array(z.object({ sector: z.enum(PROJECT_SECTORS), year: z.number().int(), equipmentFen: z.number().int() }))
    .describe('Actual equipment investment of completed projects per sector and year of completion (A1-S-01 per sector)'),
  funding: fundingOverviewView.shape.bySource,
});
export type RenewalOverviewView = z.infer<typeof renewalOverviewView>;
