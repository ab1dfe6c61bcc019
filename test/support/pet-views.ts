export interface PetView {
  name: string;
  hp: number;
  xp: number;
  level: number;
  mood: number;
  streak: number;
  lastActiveDay: string | null;
}

export interface HistoryEntryView {
  eventId: string;
  type: string;
  dayKey: string;
  summary: string;
  before: Omit<PetView, 'name' | 'lastActiveDay'>;
  after: Omit<PetView, 'name' | 'lastActiveDay'>;
}

export interface HistoryView {
  name: string;
  history: HistoryEntryView[];
}

export interface ErrorView {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}
