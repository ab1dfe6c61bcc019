/** The API's response bodies, typed from the code that produces them. */
export type { PetHistoryView as HistoryView, PetView } from '../../functions/pets/handlers/pet-view';

export interface ErrorView {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}
