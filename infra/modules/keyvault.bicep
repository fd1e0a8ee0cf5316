// Key Vault (RBAC authorization) for the Kafka SASL credentials. The function app reads them through
// Key Vault references resolved with its user-assigned identity, so no secret value is stored in app
// settings or in these templates.

@description('Key Vault name (3-24 characters).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Principal id of the function app identity (gets Key Vault Secrets User).')
param appPrincipalId string

@description('Optional principal that manages the secrets (gets Key Vault Secrets Officer), e.g. the deploying user.')
param managerPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param managerPrincipalType string = 'User'

@description('Soft-delete retention in days (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Name of the secret holding the Kafka SASL user name.')
param kafkaUsernameSecretName string

@description('Name of the secret holding the Kafka SASL password.')
param kafkaPasswordSecretName string

@description('Optional Kafka SASL user name; when empty the secret is not written by the deployment (set it with az keyvault secret set).')
@secure()
param kafkaUsername string = ''

@description('Optional Kafka SASL password; when empty the secret is not written by the deployment (set it with az keyvault secret set).')
@secure()
param kafkaPassword string = ''

@description('Name of the secret holding the key user ids are pseudonymised with.')
param pseudonymKeySecretName string

@description('Optional pseudonymisation key; when empty the secret is not written by the deployment (set it with az keyvault secret set before the interactions flow starts).')
@secure()
param pseudonymKey string = ''

// Built-in roles.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // RBAC instead of access policies: one permission model for every resource in the template.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// Values come only from secure parameters (azd environment), never from a file in the repository.
resource kafkaUsernameSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(kafkaUsername)) {
  parent: vault
  name: kafkaUsernameSecretName
  properties: {
    value: kafkaUsername
  }
}

resource kafkaPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(kafkaPassword)) {
  parent: vault
  name: kafkaPasswordSecretName
  properties: {
    value: kafkaPassword
  }
}

resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(pseudonymKey)) {
  parent: vault
  name: pseudonymKeySecretName
  properties: {
    value: pseudonymKey
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(managerPrincipalId)) {
  name: guid(vault.id, managerPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
    principalId: managerPrincipalId
    principalType: managerPrincipalType
  }
}

output name string = vault.name
// Ends with '/', e.g. https://kv-abc.vault.azure.net/
output vaultUri string = vault.properties.vaultUri
output kafkaUsernameSecretUri string = '${vault.properties.vaultUri}secrets/${kafkaUsernameSecretName}/'
// The secret's address for a Key Vault reference, not its value.
#disable-next-line outputs-should-not-contain-secrets
output kafkaPasswordSecretUri string = '${vault.properties.vaultUri}secrets/${kafkaPasswordSecretName}/'
// The secret's address for a Key Vault reference, not its value.
#disable-next-line outputs-should-not-contain-secrets
output pseudonymKeySecretUri string = '${vault.properties.vaultUri}secrets/${pseudonymKeySecretName}/'
