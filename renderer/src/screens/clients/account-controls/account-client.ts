// Runs in the renderer. What the account-control tabs need to know about the client.
export interface AccountClient {
  id: number;
  name: string;
  currency: string;
  /** null: the agency's zone */
  timeZone: string | null;
  archived: boolean;
}
