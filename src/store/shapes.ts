import * as z from 'zod';

/** A time in ms that Date can print: a record stamped outside it is not a record. */
export const time = z.number().min(-8.64e15).max(8.64e15);
