/** Who sent a request, as far as it shows: its address and its browser. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}
