export * from './catalogue.types';
export { Catalogue } from './catalogue';
export {
  CatalogueError,
  defaultCataloguePath,
  loadCatalogue,
  parseCatalogue,
  validateCatalogue,
} from './catalogue.loader';
