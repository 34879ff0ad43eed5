export * from './guard';
export * from './write';
export * from './read';
export * from './filename';
