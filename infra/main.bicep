// RecoFunctions: Azure resources for `azd up`.
// Subscription scope so the environment owns its resource group and `azd down` removes everything.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource token and names the resource group.')
param environmentName string

@minLength(1)
@description('Region for all resources. It must offer the Flex Consumption plan (and the Durable Task Scheduler when durableBackend is scheduler).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal: may manage Kafka secrets, open the scheduler dashboard and inspect the circuit-state table. Leave empty to grant nothing.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@allowed([
  'scheduler'
  'azureStorage'
])
@description('Durable Functions backend: the Azure Storage task hub (default) or the Durable Task Scheduler. The app must be built for the same one (DURABLE_BACKEND; docs/functions.md).')
param durableBackend string = 'azureStorage'

@allowed([
  'Consumption'
  'Dedicated'
])
param schedulerSkuName string = 'Consumption'

@minValue(1)
@description('Scheduler capacity units (Dedicated SKU only).')
param schedulerCapacity int = 1

@description('IP ranges allowed to reach the scheduler; must not be empty.')
param schedulerIpAllowlist array = [
  '0.0.0.0/0'
]

@description('Task hub name: starts with a letter, letters and digits only, so it is valid for both backends.')
param taskHubName string = 'recofunctions'

@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param functionsRuntimeVersion string = '10.0'

@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@minLength(1)
@description('Kafka bootstrap servers, host:port[,host:port].')
param kafkaBrokerList string

param kafkaConsumerGroup string = 'reco-functions'

param contentTopic string = 'oicms.content.v1'

param campaignTopic string = 'cm.events.v1'

param contentDeadLetterTopic string = '${contentTopic}.dlq'

param campaignDeadLetterTopic string = '${campaignTopic}.dlq'

@description('Topic of the interactions flow (key = user id).')
param interactionsTopic string = 'ua.interactions.v1'

param interactionsDeadLetterTopic string = '${interactionsTopic}.dlq'

@minValue(1)
@description('Intended per-instance lag for target-based scaling (must match the trigger attribute).')
param kafkaLagThreshold int = 1000

@minValue(-1)
@description('Redeliveries of a failed trigger batch before the Kafka extension skips it; -1 = never skip.')
param kafkaMaxRetries int = -1

param kafkaUsernameSecretName string = 'kafka-username'

param kafkaPasswordSecretName string = 'kafka-password'

@secure()
@description('Optional: written to Key Vault when set (azd env set KAFKA_USERNAME ...). Otherwise set the secret after provisioning.')
param kafkaUsername string = ''

@secure()
@description('Optional: written to Key Vault when set (azd env set KAFKA_PASSWORD ...). Otherwise set the secret after provisioning.')
param kafkaPassword string = ''

param circuitStateTableName string = 'CircuitState'

@description('Table holding the interactions flow\'s window state (a partition per topic-partition).')
param windowStateTableName string = 'WindowState'

param pseudonymKeySecretName string = 'pseudonym-key'

@secure()
@description('Optional: the key user ids are pseudonymised with, written to Key Vault when set (azd env set PSEUDONYM_KEY ...). Otherwise set the secret after provisioning. Changing it changes every pseudonym.')
param pseudonymKey string = ''

@description('Runs the interactions flow (its trigger and its window state) although PSEUDONYM_KEY is not given: for a secret set another way. With PSEUDONYM_KEY the flow runs anyway.')
param interactionsEnabled bool = false

@description('Extra non-secret app settings, e.g. {"Services__ContentApi__BaseUrl": "https://..."}.')
param additionalAppSettings object = {}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-reco-${resourceToken}'
// Container name: lower case, 3-63 characters, unique per app.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var useScheduler = durableBackend == 'scheduler'
// The flow needs the pseudonym key: without it the app would refuse to start.
var runInteractions = interactionsEnabled || !empty(pseudonymKey)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-reco-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    circuitStateTableName: circuitStateTableName
    windowStateTableName: windowStateTableName
    appPrincipalId: identity.outputs.principalId
    enableQueueAccess: !useScheduler
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    managerPrincipalId: principalId
    managerPrincipalType: principalType
    kafkaUsernameSecretName: kafkaUsernameSecretName
    kafkaPasswordSecretName: kafkaPasswordSecretName
    kafkaUsername: kafkaUsername
    kafkaPassword: kafkaPassword
    pseudonymKeySecretName: pseudonymKeySecretName
    pseudonymKey: pseudonymKey
  }
}

module durableTask 'modules/durabletask.bicep' = if (useScheduler) {
  name: 'durabletask'
  scope: rg
  params: {
    name: 'dts-${resourceToken}'
    taskHubName: taskHubName
    location: location
    tags: tags
    skuName: schedulerSkuName
    capacity: schedulerCapacity
    ipAllowlist: schedulerIpAllowlist
    appPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

// Takes outputs from every other module, so it is created only after all role assignments exist
// (Key Vault references and identity-based storage resolve on first start).
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    azdServiceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    runtimeVersion: functionsRuntimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    kafkaUsernameSecretUri: keyVault.outputs.kafkaUsernameSecretUri
    kafkaPasswordSecretUri: keyVault.outputs.kafkaPasswordSecretUri
    kafkaBrokerList: kafkaBrokerList
    kafkaConsumerGroup: kafkaConsumerGroup
    contentTopic: contentTopic
    campaignTopic: campaignTopic
    contentDeadLetterTopic: contentDeadLetterTopic
    campaignDeadLetterTopic: campaignDeadLetterTopic
    interactionsTopic: interactionsTopic
    interactionsDeadLetterTopic: interactionsDeadLetterTopic
    pseudonymKeySecretUri: keyVault.outputs.pseudonymKeySecretUri
    interactionsEnabled: runInteractions
    kafkaLagThreshold: kafkaLagThreshold
    kafkaMaxRetries: kafkaMaxRetries
    durableBackend: durableBackend
    taskHubName: taskHubName
    schedulerEndpoint: useScheduler ? durableTask!.outputs.endpoint : ''
    circuitStateTableName: storage.outputs.circuitStateTableName
    windowStateTableName: storage.outputs.windowStateTableName
    additionalAppSettings: additionalAppSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.vaultUri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output CIRCUIT_STATE_TABLE_SERVICE_URI string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output DURABLE_BACKEND string = durableBackend
output DURABLE_TASK_SCHEDULER_ENDPOINT string = useScheduler ? durableTask!.outputs.endpoint : ''
output TASKHUB_NAME string = taskHubName
