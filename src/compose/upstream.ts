/**
 * Facts read from uc-cdis/compose-services at the commit installed by
 * default (https://github.com/uc-cdis/compose-services/tree/a44a15f84f23bfb57dfb680060c1a1082e815257):
 * the checks of a centre's configuration compare with them before anything
 * reaches the instance. A test keeps them identical to the upstream files.
 */
export const upstreamRef = 'a44a15f84f23bfb57dfb680060c1a1082e815257'

/** The services of upstream's docker-compose.yml. */
export const upstreamServices = [
  'postgres',
  'indexd-service',
  'fence-service',
  'arborist-service',
  'metadata-service',
  'peregrine-service',
  'sheepdog-service',
  'guppy-service',
  'esproxy-service',
  'pidgin-service',
  'portal-service',
  'jupyter-service',
  'revproxy-service',
  'tube-service',
  'spark-service',
  'kibana-service'
] as const

/**
 * What a setting's value must be: where upstream gives a non-empty mapping
 * or list, a centre's value must be one too; empty ones and nulls are only
 * placeholders, whose examples in comments take other shapes.
 */
export type SettingShape = 'mapping' | 'list' | 'scalar' | 'any'

/** The top-level settings of upstream's templates/fence-config.yaml. */
export const upstreamFenceSettings: Record<string, SettingShape> = {
  APP_NAME: 'scalar',
  BASE_URL: 'scalar',
  DB: 'scalar',
  ENCRYPTION_KEY: 'scalar',
  DEBUG: 'scalar',
  MOCK_AUTH: 'scalar',
  MOCK_GOOGLE_AUTH: 'scalar',
  MOCK_STORAGE: 'scalar',
  AUTHLIB_INSECURE_TRANSPORT: 'scalar',
  SESSION_COOKIE_SECURE: 'scalar',
  ENABLE_CSRF_PROTECTION: 'scalar',
  OPENID_CONNECT: 'mapping',
  DEFAULT_LOGIN_URL: 'scalar',
  LOGIN_OPTIONS: 'list',
  DEFAULT_LOGIN_IDP: 'scalar',
  OAUTH2_JWT_ALG: 'scalar',
  OAUTH2_JWT_ENABLED: 'scalar',
  OAUTH2_JWT_ISS: 'scalar',
  OAUTH2_PROVIDER_ERROR_URI: 'scalar',
  APPLICATION_ROOT: 'scalar',
  ACCESS_TOKEN_COOKIE_NAME: 'scalar',
  SESSION_COOKIE_NAME: 'scalar',
  OAUTH2_TOKEN_EXPIRES_IN: 'mapping',
  ACCESS_TOKEN_EXPIRES_IN: 'scalar',
  REFRESH_TOKEN_EXPIRES_IN: 'scalar',
  SESSION_TIMEOUT: 'scalar',
  SESSION_LIFETIME: 'scalar',
  GOOGLE_SERVICE_ACCOUNT_KEY_FOR_URL_SIGNING_EXPIRES_IN: 'scalar',
  GOOGLE_USER_SERVICE_ACCOUNT_ACCESS_EXPIRES_IN: 'scalar',
  GOOGLE_ACCOUNT_ACCESS_EXPIRES_IN: 'scalar',
  MAX_PRESIGNED_URL_TTL: 'scalar',
  MAX_API_KEY_TTL: 'scalar',
  MAX_ACCESS_TOKEN_TTL: 'scalar',
  SUPPORT_EMAIL_FOR_ERRORS: 'any',
  SHIBBOLETH_HEADER: 'scalar',
  SSO_URL: 'scalar',
  ITRUST_GLOBAL_LOGOUT: 'scalar',
  dbGaP: 'mapping',
  STORAGE_CREDENTIALS: 'any',
  AWS_CREDENTIALS: 'any',
  S3_BUCKETS: 'any',
  DATA_UPLOAD_BUCKET: 'any',
  HTTP_PROXY: 'mapping',
  INDEXD: 'scalar',
  INDEXD_USERNAME: 'scalar',
  INDEXD_PASSWORD: 'scalar',
  ARBORIST: 'scalar',
  CIRRUS_CFG: 'mapping',
  GOOGLE_GROUP_PREFIX: 'scalar',
  GUN_MAIL: 'mapping',
  EMAIL_SERVER: 'scalar',
  SEND_FROM: 'scalar',
  SEND_TO: 'scalar',
  WHITE_LISTED_GOOGLE_PARENT_ORGS: 'any',
  WHITE_LISTED_SERVICE_ACCOUNT_EMAILS: 'any',
  REMOVE_SERVICE_ACCOUNT_EMAIL_NOTIFICATION: 'mapping',
  GOOGLE_MANAGED_SERVICE_ACCOUNT_DOMAINS: 'list',
  ENABLE_DB_MIGRATION: 'scalar'
}
