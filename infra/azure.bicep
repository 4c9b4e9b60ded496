// PMO Relay in Azure: one Linux App Service running the Node server (bot + API + built tab),
// an Azure Bot registered for Teams, and a Storage account for tables and the delivery queue.
// Deployed by `teamsapp provision` (arm/deploy in teamsapp.yml); outputs go to env/.env.<env>.

@maxLength(20)
@minLength(4)
@description('Base of every resource name; letters and digits.')
param resourceBaseName string

@description('Location of every resource.')
param location string = resourceGroup().location

@description('App Service plan SKU; B1 or larger (alwaysOn is not available on Free/Shared).')
param webAppSku string = 'B1'

@description('Client id of the bot\'s Entra app (botAadApp/create).')
param botAadAppClientId string

@secure()
@description('Client secret of the bot\'s Entra app.')
param botAadAppClientSecret string

@allowed([
  'SingleTenant'
  'MultiTenant'
])
@description('Azure Bot app type. New Azure Bots must be single-tenant.')
param botAppType string = 'SingleTenant'

@description('Entra tenant of the bot\'s app registration (single-tenant bots).')
param botAppTenantId string = subscription().tenantId

@maxLength(42)
@description('Name people see for the bot.')
param botDisplayName string

@description('Client id of the tab\'s SSO Entra app (aadApp/create).')
param aadAppClientId string

@secure()
@description('Client secret of the tab\'s SSO Entra app: the app in the manifest\'s webApplicationInfo, the one Graph accepts activity-feed notifications from. Empty: notifications stay in the app log.')
param aadAppClientSecret string = ''

@description('The Teams app id (manifest id), for deep links from activity-feed notifications into the app.')
param teamsAppId string = ''

@description('Comma-separated <tenant id>:<user object id> pairs made tenant admins at start (the first admin of each tenant).')
param bootstrapAdmins string = ''

@description('Prefix of the table and queue names the server uses (TABLE_PREFIX).')
param tablePrefix string = 'pmo'

var serverfarmsName = '${resourceBaseName}-plan'
var webAppName = resourceBaseName
var botServiceName = resourceBaseName
// Storage account names: 3-24 lower-case letters and digits, globally unique.
var storageAccountName = take(toLower('st${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}'), 24)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    accessTier: 'Hot'
  }
}

// The server creates its own tables (named with the prefix) at start; the services are
// declared so the account is ready for them.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

// Durable card delivery (PRODUCT.md §3, §6): shared by every app instance.
resource deliveryQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: toLower('${tablePrefix}delivery')
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'node dist/bot/main.js'
      healthCheckPath: '/healthz'
      // Names as read by bot/config.ts.
      appSettings: [
        {
          name: 'APP_ENV'
          value: 'prod'
        }
        {
          name: 'AZURE_STORAGE_CONNECTION_STRING'
          value: storageConnectionString
        }
        {
          name: 'TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'MicrosoftAppId'
          value: botAadAppClientId
        }
        {
          name: 'MicrosoftAppPassword'
          value: botAadAppClientSecret
        }
        {
          name: 'MicrosoftAppType'
          value: botAppType
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botAppTenantId
        }
        {
          name: 'AUTH_MODE'
          value: 'sso'
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'AAD_APP_CLIENT_SECRET'
          value: aadAppClientSecret
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'TAB_DOMAIN'
          value: '${webAppName}.azurewebsites.net'
        }
        {
          name: 'SEED_DEMO'
          value: 'false'
        }
        {
          name: 'BOOTSTRAP_ADMINS'
          value: bootstrapAdmins
        }
        {
          name: 'WEBSITE_NODE_DEFAULT_VERSION'
          value: '~20'
        }
        {
          // The package is built by `teamsapp deploy` (npm run build) and shipped with its node_modules.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botAppTenantId : ''
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Read by teamsapp.yml (arm/deploy writes each output to env/.env.<env> under its name).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = storageAccount.name
