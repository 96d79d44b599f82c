import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'reporting:public';

/** Routes anyone may call: health and the API description. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
