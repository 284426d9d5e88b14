import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  District: '../data/districts.ts#DistrictRow',
  Parcel: '../data/parcels.ts#ParcelRow',
  DistrictConnection: '../data/districts.ts#DistrictConnectionModel',
  ParcelConnection: '../data/parcels.ts#ParcelConnectionModel',
});
