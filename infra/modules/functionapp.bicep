// Flex Consumption plan and the RecoFunctions function app (.NET isolated worker). The app runs as the
// user-assigned identity for everything: host storage, deployment package, Key Vault references,
// Application Insights, the circuit-state and window-state tables and the Durable Task Scheduler.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to plan and app.')
param tags object = {}

@description('azd service name; azd finds the deployment target through the azd-service-name tag.')
param azdServiceName string = 'functions'

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@allowed([
  '8.0'
  '9.0'
  '10.0'
])
@description('.NET isolated runtime version; Flex Consumption expects the major.minor form (10.0, not 10).')
param runtimeVersion string = '10.0'

@maxValue(1000)
@description('Upper bound of instances. Kafka scaling never goes beyond the partition count anyway.')
param maximumInstanceCount int = 100

@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Storage account used as AzureWebJobsStorage.')
param storageAccountName string

@description('Primary blob endpoint of the storage account (ends with /).')
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string (not a secret: ingestion requires Entra auth).')
param applicationInsightsConnectionString string

@description('Share of traces started in the app that are sent to Application Insights (0 to 1); metrics are never sampled.')
param traceSampleRatio string = '0.1'

@description('Key Vault secret URI of the Kafka SASL user name.')
param kafkaUsernameSecretUri string

@description('Key Vault secret URI of the Kafka SASL password.')
param kafkaPasswordSecretUri string

@description('Kafka bootstrap servers, host:port[,host:port].')
param kafkaBrokerList string

param kafkaConsumerGroup string
param contentTopic string
param campaignTopic string
param contentDeadLetterTopic string
param campaignDeadLetterTopic string
param interactionsTopic string
param interactionsDeadLetterTopic string

@description('Key Vault secret URI of the key user ids are pseudonymised with.')
param pseudonymKeySecretUri string

@description('Runs the interactions flow; off, its trigger is disabled and no pseudonym key is needed.')
param interactionsEnabled bool
param kafkaLagThreshold int

@minValue(-1)
param kafkaMaxRetries int

@allowed([
  'scheduler'
  'azureStorage'
])
param durableBackend string

param taskHubName string

@description('Durable Task Scheduler endpoint; empty with the azureStorage backend.')
param schedulerEndpoint string = ''

param circuitStateTableName string

param windowStateTableName string

@description('Extra non-secret settings (service endpoints and similar). Secrets belong in Key Vault references.')
param additionalAppSettings object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': azdServiceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the app has no system identity).
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

// Identity-based AzureWebJobsStorage: no connection string, no account key.
var hostStorageSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
}

var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Entra-authenticated ingestion (the component has local auth disabled).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId
  // The worker's trace sampling (docs/operations.md): decided by trace id, so a trace is kept or dropped as a whole.
  Telemetry__TraceSampleRatio: traceSampleRatio
}

// Flat names are what the Kafka trigger/output attributes reference (app-setting names or %name%);
// Pipeline__Flows__* feed the pipeline options with the same values.
var kafkaSettings = {
  KafkaBrokerList: kafkaBrokerList
  KafkaUsername: '@Microsoft.KeyVault(SecretUri=${kafkaUsernameSecretUri})'
  KafkaPassword: '@Microsoft.KeyVault(SecretUri=${kafkaPasswordSecretUri})'
  KafkaConsumerGroup: kafkaConsumerGroup
  KafkaContentTopic: contentTopic
  KafkaCampaignTopic: campaignTopic
  KafkaContentDeadLetterTopic: contentDeadLetterTopic
  KafkaCampaignDeadLetterTopic: campaignDeadLetterTopic
  KafkaInteractionsTopic: interactionsTopic
  KafkaInteractionsDeadLetterTopic: interactionsDeadLetterTopic
  // The trigger's LagThreshold is a compile-time attribute value; this records the intended value
  // so start-up validation can compare the two.
  KafkaLagThreshold: string(kafkaLagThreshold)
  Pipeline__Flows__content__Topic: contentTopic
  Pipeline__Flows__campaign__Topic: campaignTopic
  Pipeline__Flows__content__DeadLetterTopic: contentDeadLetterTopic
  Pipeline__Flows__campaign__DeadLetterTopic: campaignDeadLetterTopic
  Pipeline__Flows__interactions__Topic: interactionsTopic
  Pipeline__Flows__interactions__DeadLetterTopic: interactionsDeadLetterTopic
  // Pins host.json: a failed invocation must be redelivered, never committed (at-least-once), and
  // -1 keeps retrying instead of skipping a batch that could not be scheduled.
  AzureFunctionsJobHost__extensions__kafka__commitOnFailure: 'false'
  AzureFunctionsJobHost__extensions__kafka__maxRetries: string(kafkaMaxRetries)
}

var circuitStateSettings = {
  // Shared breaker state across instances lives in the table; the code's default store is in-memory (one process).
  CircuitState__Store: 'AzureTable'
  CircuitState__TableServiceUri: tableEndpoint
  CircuitState__TableName: circuitStateTableName
}

// The interactions flow: window state in its table (managed identity), the pseudonymisation key from Key Vault.
var interactionsSettings = {
  Pipeline__Flows__interactions__Enabled: string(interactionsEnabled)
  'AzureWebJobs.InteractionsTrigger.Disabled': string(!interactionsEnabled)
  WindowState__TableServiceUri: tableEndpoint
  WindowState__TableName: windowStateTableName
  Privacy__PseudonymKey: '@Microsoft.KeyVault(SecretUri=${pseudonymKeySecretUri})'
}

// host.json keeps the default (Azure Storage) provider; the scheduler backend is switched on here so
// one build runs on either backend.
var durableSettings = durableBackend == 'scheduler'
  ? {
      TASKHUB_NAME: taskHubName
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${schedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
      AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    }
  : {
      TASKHUB_NAME: taskHubName
      AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
    }

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  // Later arguments win, so the computed settings cannot be overridden by additionalAppSettings.
  properties: union(additionalAppSettings, hostStorageSettings, telemetrySettings, kafkaSettings, circuitStateSettings, interactionsSettings, durableSettings)
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output planName string = plan.name
