/** Table types of the renewal survey part (filled in by the part). */
export interface SurveyTables {}
