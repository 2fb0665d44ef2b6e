/** Table types of the renewal standards part (filled in by the part). */
export interface StandardsTables {}
